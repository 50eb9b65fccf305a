import {
  type FaultRule as AnyFaultRule,
  defaultTransportKnobs,
  type TransportKnobs,
} from '../aws-common/knobs.ts';
import type { AppMeshErrorType } from './errors.ts';
import type { OperationName } from './model.generated.ts';
import {
  type AppMeshBehaviours,
  type AppMeshQuotas,
  defaultBehaviours,
  defaultQuotas,
} from './service-config.ts';

/** An injected failure for one App Mesh operation (or `*` for all). */
export type FaultRule = AnyFaultRule<AppMeshErrorType>;

/** Everything tests and benchmarks can turn at runtime. */
export interface Knobs extends TransportKnobs<OperationName, AppMeshErrorType> {
  quotas: AppMeshQuotas;
  behaviours: AppMeshBehaviours;
}

export function makeKnobs(overrides: Partial<Knobs> = {}): Knobs {
  return {
    ...defaultTransportKnobs<OperationName, AppMeshErrorType>(),
    ...overrides,
    quotas: { ...defaultQuotas, ...overrides.quotas },
    behaviours: { ...defaultBehaviours, ...overrides.behaviours },
  };
}
