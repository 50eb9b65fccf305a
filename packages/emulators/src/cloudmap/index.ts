export { cloudMapClientFor } from './cloud-map-client-for.ts';
export { type CloudMapQuotas, defaultCloudMapQuotas } from './cloud-map-context.ts';
export { CloudMapError, type CloudMapErrorType, cloudMapErrorTypes } from './cloud-map-errors.ts';
export type { CloudMapFaultRule, CloudMapKnobs } from './knobs.ts';
export {
  type CloudMapCallRecord,
  type CloudMapEmulatorHandle,
  type CloudMapEmulatorOptions,
  type CloudMapSnapshot,
  cloudMapStateFile,
  startCloudMapEmulator,
} from './start-cloud-map-emulator.ts';
