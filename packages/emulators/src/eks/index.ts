export {
  accessAllows,
  type EksAccessEntry,
  type EksAccessPolicyName,
  type EksAccessScope,
  principalOf,
} from './eks-access-entries.ts';
export { checkEksRequest, type EksModeOptions, eksAuthorizes, eksUser } from './eks-mode.ts';
export { checkEksToken, type EksTokenCheck, type StsIdentity } from './eks-token-check.ts';
export { type EksEmulatorHandle, type EksEmulatorOptions, startEksEmulator } from './start-eks-emulator.ts';
