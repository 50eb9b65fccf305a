import { ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import type { CloudMapEmulatorHandle } from './start-cloud-map-emulator.ts';

/**
 * A real ServiceDiscoveryClient pointed at the emulator. `disableHostPrefix`: with a custom endpoint the SDK
 * would send DiscoverInstances to `data-<host>` (`data-127.0.0.1`), which does not resolve; the emulator
 * serves both planes on one port.
 */
export function cloudMapClientFor(
  emulator: Pick<CloudMapEmulatorHandle, 'endpoint' | 'region'>,
  accessKeyId = 'local',
): ServiceDiscoveryClient {
  return new ServiceDiscoveryClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId, secretAccessKey: 'local' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}
