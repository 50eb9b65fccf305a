export {
  type ServiceQuotasEmulatorHandle,
  type ServiceQuotasEmulatorOptions,
  type ServiceQuotasOperation,
  startServiceQuotasEmulator,
} from './start-service-quotas-emulator.ts';
