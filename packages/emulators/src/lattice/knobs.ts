import {
  type FaultRule as AnyFaultRule,
  defaultTransportKnobs,
  type TransportKnobs,
} from '../aws-common/knobs.ts';
import type { LatticeErrorType } from './errors.ts';
import type { OperationName } from './model.generated.ts';
import {
  defaultBehaviours,
  defaultQuotas,
  defaultTiming,
  type LatticeBehaviours,
  type LatticeQuotas,
  type LatticeTiming,
  type TargetHealth,
} from './service-config.ts';

export type LatticeFaultRule = AnyFaultRule<LatticeErrorType>;

/** Everything tests and benchmarks can turn at runtime. */
export interface LatticeKnobs extends TransportKnobs<OperationName, LatticeErrorType> {
  quotas: LatticeQuotas;
  behaviours: LatticeBehaviours;
  timing: LatticeTiming;
  /** Target id (IP, instance id, ARN) → health once its first checks are done. */
  targetHealth: Record<string, TargetHealth>;
  defaultTargetHealth: TargetHealth;
}

export type LatticeKnobOverrides = Partial<Omit<LatticeKnobs, 'quotas' | 'behaviours' | 'timing'>> & {
  quotas?: Partial<LatticeQuotas>;
  behaviours?: Partial<LatticeBehaviours>;
  timing?: Partial<LatticeTiming>;
};

export function makeLatticeKnobs(overrides: LatticeKnobOverrides = {}): LatticeKnobs {
  return {
    ...defaultTransportKnobs<OperationName, LatticeErrorType>(),
    targetHealth: {},
    defaultTargetHealth: 'HEALTHY',
    ...overrides,
    quotas: { ...defaultQuotas, ...overrides.quotas },
    behaviours: { ...defaultBehaviours, ...overrides.behaviours },
    timing: { ...defaultTiming, ...overrides.timing },
  };
}
