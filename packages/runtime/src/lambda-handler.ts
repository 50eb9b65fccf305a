import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { defaultLambdaKit, type LambdaKit } from './lambda-kit.ts';
import { lazyTracing } from './lazy-tracing.ts';

export type KitHandler<E, R> = (event: E, kit: LambdaKit, context: Context) => Promise<R>;

/**
 * Wraps a handler in meshcd's middy stack: powertools logger (Lambda context and cold start in every
 * line), metrics (flushed as EMF after each invocation, cold-start metric included) and the tracer.
 * The stack is assembled on the first invocation, from the kit, so one bundle serves AWS and tests.
 */
export function lambdaHandler<E, R>(
  handler: KitHandler<E, R>,
  kitFactory: (functionName: string) => LambdaKit = defaultLambdaKit,
): (event: E, context: Context) => Promise<R> {
  let wrapped: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => {
    if (!wrapped) {
      const kit = kitFactory(context.functionName);
      const stack = middy<E, R>((e: E, c: Context) => handler(e, kit, c))
        .use(injectLambdaContext(kit.logger))
        .use(logMetrics(kit.metrics, { captureColdStartMetric: true }));
      wrapped = kit.config.tracing ? stack.use(lazyTracing(kit.config.service)) : stack;
    }
    return wrapped(event, context);
  };
}
