import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createPorts, type Ports } from './create-ports.ts';
import { type RuntimeConfig, runtimeConfig } from './runtime-config.ts';

/** What a handler gets besides its event: configuration, adapters and observability, built once. */
export interface LambdaKit {
  config: RuntimeConfig;
  ports: Ports;
  logger: Logger;
  metrics: Metrics;
}

const kits = new Map<string, LambdaKit>();

/**
 * The kit of this execution environment, built on the first invocation and reused while warm. Building
 * it lazily keeps a bad environment from failing the module import: the first invocation fails with a
 * ConfigError naming the variable instead, which is logged like any other error. One kit per function:
 * on AWS an execution environment runs one function; locally the functions share a process, and each
 * keeps its own warm state (clients, the targets it read) as its own environment would.
 */
export function defaultLambdaKit(functionName = ''): LambdaKit {
  const warm = kits.get(functionName);
  if (warm) return warm;
  const config = runtimeConfig();
  const logger = new Logger({ serviceName: config.service });
  const kit: LambdaKit = {
    config,
    // A bad target record is logged as the error it is; the other targets are still reconciled.
    ports: createPorts(config, { onInvalidTarget: (error) => logger.error(error.message, error) }),
    logger,
    metrics: new Metrics({ namespace: config.metricsNamespace, serviceName: config.service }),
  };
  kits.set(functionName, kit);
  return kit;
}
