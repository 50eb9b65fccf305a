export type { CallRecord } from '../aws-common/call-log.ts';
export type { AwsServiceError } from '../aws-common/service-error.ts';
export type { RateLimit } from '../aws-common/token-bucket.ts';
export { appMeshClientFor } from './app-mesh-client-for.ts';
export { AppMeshService, isWriteOperation } from './app-mesh-service.ts';
export { AppMeshError, type AppMeshErrorType, appMeshErrorStatus, appMeshErrorTypes } from './errors.ts';
export type { FaultRule, Knobs } from './knobs.ts';
export {
  type AppMeshBehaviours,
  type AppMeshQuotas,
  defaultBehaviours,
  defaultQuotas,
} from './service-config.ts';
export {
  type AppMeshEmulatorHandle,
  type AppMeshEmulatorOptions,
  type AppMeshSnapshot,
  defaultAccountId,
  startAppMeshEmulator,
} from './start-app-mesh-emulator.ts';
