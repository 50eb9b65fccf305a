export { LatticeError, type LatticeErrorType, latticeErrorStatus, latticeErrorTypes } from './errors.ts';
export type { LatticeFaultRule, LatticeKnobOverrides, LatticeKnobs } from './knobs.ts';
export { latticeClientFor } from './lattice-client-for.ts';
export { isWriteOperation as isLatticeWriteOperation, LatticeService } from './lattice-service.ts';
export { inScopeOperations as latticeOperationsInScope } from './operation-table.ts';
export {
  defaultBehaviours as defaultLatticeBehaviours,
  defaultQuotas as defaultLatticeQuotas,
  defaultTiming as defaultLatticeTiming,
  type HealthSource,
  type LatticeBehaviours,
  type LatticeQuotas,
  type LatticeTiming,
  quotaCodes as latticeQuotaCodes,
  type TargetHealth,
  type TargetRef,
} from './service-config.ts';
export {
  defaultLatticeAccountId,
  type LatticeEmulatorHandle,
  type LatticeEmulatorOptions,
  type LatticeSnapshot,
  latticeStateFile,
  startLatticeEmulator,
} from './start-lattice-emulator.ts';
