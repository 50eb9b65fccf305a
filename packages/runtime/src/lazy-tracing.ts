import type { MiddlewareObj, Request } from '@middy/core';

/**
 * Powertools' tracer middleware, loaded on the first invocation rather than at module init: the tracer
 * pulls in aws-xray-sdk-core, whose import costs more cold-start time than the rest of a handler, and
 * a function with tracing off never uses this middleware and never pays it.
 */
export function lazyTracing(serviceName: string): MiddlewareObj {
  let loaded: Promise<MiddlewareObj> | undefined;
  const inner = () => {
    loaded ??= (async () => {
      const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
        import('@aws-lambda-powertools/tracer'),
        import('@aws-lambda-powertools/tracer/middleware'),
      ]);
      return captureLambdaHandler(new Tracer({ serviceName })) as MiddlewareObj;
    })();
    return loaded;
  };
  return {
    before: async (request: Request) => (await inner()).before?.(request),
    after: async (request: Request) => (await inner()).after?.(request),
    onError: async (request: Request) => (await inner()).onError?.(request),
  };
}
