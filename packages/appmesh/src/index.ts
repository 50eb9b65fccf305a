export { type CloudMapApiOptions, createCloudMapApi } from './cloud-map/create-cloud-map-api.ts';
export { createMeshApi, type MeshApiOptions } from './create-mesh-api.ts';
export { createServiceQuotasLimits, type ServiceQuotasLimitsOptions } from './service-quotas-limits.ts';
