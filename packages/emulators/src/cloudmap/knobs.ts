import {
  type FaultRule as AnyFaultRule,
  defaultTransportKnobs,
  type TransportKnobs,
} from '../aws-common/knobs.ts';
import { type CloudMapQuotas, defaultCloudMapQuotas } from './cloud-map-context.ts';
import type { CloudMapErrorType } from './cloud-map-errors.ts';
import type { OperationName } from './model.generated.ts';

/** An injected failure for one Cloud Map operation (or `*` for all). */
export type CloudMapFaultRule = AnyFaultRule<CloudMapErrorType>;

/** Everything tests and benchmarks can turn at runtime. */
export interface CloudMapKnobs extends TransportKnobs<OperationName, CloudMapErrorType> {
  /** How long asynchronous operations stay SUBMITTED before their effect lands (default 0: at the next request). */
  operationDelayMs: number;
  /** How long a custom health report takes to come into force (the service documents about 30 s; default 0). */
  customHealthDelayMs: number;
  quotas: CloudMapQuotas;
}

export function makeCloudMapKnobs(overrides: Partial<CloudMapKnobs> = {}): CloudMapKnobs {
  return {
    ...defaultTransportKnobs<OperationName, CloudMapErrorType>(),
    operationDelayMs: 0,
    customHealthDelayMs: 0,
    ...overrides,
    quotas: { ...defaultCloudMapQuotas, ...overrides.quotas },
  };
}
