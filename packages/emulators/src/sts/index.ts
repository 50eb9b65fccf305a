export {
  type StsEmulatorHandle,
  type StsEmulatorOptions,
  StsFault,
  type StsOperation,
  type StsRole,
  startStsEmulator,
} from './start-sts-emulator.ts';
