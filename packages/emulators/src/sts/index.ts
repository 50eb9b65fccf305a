export {
  type StsEmulatorHandle,
  type StsEmulatorOptions,
  StsFault,
  type StsOperation,
  startStsEmulator,
} from './start-sts-emulator.ts';
