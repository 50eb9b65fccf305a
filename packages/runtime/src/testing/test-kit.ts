import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { MemoryStateStore } from '@meshcd/state';
import { deployedTargets } from '../deployed-targets.ts';
import { createEventPublisher } from '../event-publisher.ts';
import type { LambdaKit } from '../lambda-kit.ts';
import { parseRuntimeConfig } from '../runtime-config.ts';
import { captureEvents } from './capture-events.ts';

/**
 * A kit for handler tests: configuration parsed from `env` exactly as in Lambda, an in-memory store, a
 * capturing bus, silent logs and metrics; ports can be replaced one by one.
 */
export function testKit(env: Record<string, string>, ports: Partial<LambdaKit['ports']> = {}) {
  const bus = captureEvents();
  const config = parseRuntimeConfig({
    MESHCD_TABLE: 'state',
    MESHCD_BUS: 'bus',
    POWERTOOLS_TRACE_ENABLED: 'false',
    ...env,
  });
  const state = new MemoryStateStore();
  const kit: LambdaKit = {
    config,
    ports: {
      state,
      targets: deployedTargets(config.targets, state),
      events: createEventPublisher(bus, config.busName),
      meshApiFor: () => Promise.reject(new Error('no App Mesh in this test')),
      fetchSource: () => Promise.reject(new Error('no git source in this test')),
      clusterFor: async () => undefined,
      // Built on demand like the real one; any call fails, so a test that needs Cloud Map says so.
      cloudMapFor: async () =>
        new Proxy({} as import('@meshcd/core').CloudMapApi, {
          // Not a thenable: an async function returning it must resolve to it.
          get: (_, name) =>
            name === 'then' ? undefined : () => Promise.reject(new Error('no Cloud Map in this test')),
        }),
      latticeFor: () => Promise.reject(new Error('no VPC Lattice in this test')),
      workloadCheckerFor: async () => undefined,
      credentialsOf: () => undefined,
      commitStatus: async () => {},
      ...ports,
    },
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'test' }),
  };
  return { kit, bus, state };
}

/** Enough of a Lambda context for the middy stack. */
export const testContext = {
  functionName: 'test',
  functionVersion: '$LATEST',
  awsRequestId: 'request-1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:test',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as import('aws-lambda').Context;
