/**
 * Events that could not be delivered (EventBridge gave up retrying a target) or whose function kept
 * failing (Lambda's asynchronous retries exhausted) end up here, for inspection and redrive.
 */
export const deadLetters = new sst.aws.Queue('MeshcdDeadLetters', {
  visibilityTimeout: '15 minutes',
  // SQS's longest retention: a failure over a long weekend is still there to inspect and redrive.
  transform: { queue: { messageRetentionSeconds: 14 * 86_400 } },
});

/** Retry policy of every rule target: reconciles are level-based, so an old event is worth little. */
export const targetRetryPolicy = { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 };

/** Lets EventBridge put undeliverable events of the given rules into the queue, and nothing else. */
export function allowRulesToDeadLetter(name: string, ruleArns: $util.Input<string>[]) {
  return new aws.sqs.QueuePolicy(name, {
    queueUrl: deadLetters.url,
    policy: $jsonStringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: deadLetters.arn,
          Condition: { ArnEquals: { 'aws:SourceArn': ruleArns } },
        },
      ],
    }),
  });
}

/** Rule-target transform: bounded retries, then the dead-letter queue. */
export function withRetryAndDeadLetter(args: aws.cloudwatch.EventTargetArgs): undefined {
  args.retryPolicy = targetRetryPolicy;
  args.deadLetterConfig = { arn: deadLetters.arn };
  return undefined;
}

/** Function transform: asynchronous invocations that keep failing go to the dead-letter queue. */
export function failuresToDeadLetter(args: aws.lambda.FunctionEventInvokeConfigArgs): undefined {
  args.destinationConfig = { onFailure: { destination: deadLetters.arn } };
  return undefined;
}
