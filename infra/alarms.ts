import { deadLetters } from './dead-letters';

/**
 * Alarms an operator subscribes to (the topic): anything in the dead-letter queue, and any function
 * error. Both mean an event was not handled as it should have been; neither fixes itself.
 */
export const alarmTopic = new aws.sns.Topic('MeshcdAlarms');

/** Something reached the dead-letter queue: an event that was never handled. */
export const deadLetterAlarm = new aws.cloudwatch.MetricAlarm('MeshcdDeadLettersAlarm', {
  alarmDescription: 'meshcd: events in the dead-letter queue (inspect, fix, redrive)',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: deadLetters.nodes.queue.name },
  statistic: 'Maximum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [alarmTopic.arn],
});

/** One alarm per function on its Errors metric. */
export function errorAlarm(name: string, functionName: $util.Input<string>) {
  return new aws.cloudwatch.MetricAlarm(`${name}ErrorsAlarm`, {
    alarmDescription: `meshcd: ${name} failed (see its logs; retries and the dead-letter queue follow)`,
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: functionName },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: [alarmTopic.arn],
  });
}
