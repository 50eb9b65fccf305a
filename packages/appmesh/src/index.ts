export { type CloudMapApiOptions, createCloudMapApi } from './cloud-map/create-cloud-map-api.ts';
export { createMeshApi, type MeshApiOptions } from './create-mesh-api.ts';
export { createServiceQuotasLimits, type ServiceQuotasLimitsOptions } from './service-quotas-limits.ts';
export { TokenBucket } from './token-bucket.ts';
export { isTransient, type RetryOptions, withRetry } from './with-retry.ts';
