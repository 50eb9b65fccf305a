/** Cloud Map as meshcd needs it: find namespaces and services, create services, keep instances current. */
export type CloudMapNamespaceType = 'DNS_PRIVATE' | 'DNS_PUBLIC' | 'HTTP';
export type CloudMapHealth = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export interface CloudMapNamespace {
  id: string;
  arn: string;
  name: string;
  type: CloudMapNamespaceType;
}

export interface CloudMapService {
  id: string;
  arn: string;
  name: string;
  namespaceId: string;
  /** Created with HealthCheckCustomConfig: instance health is reported by meshcd. */
  customHealth: boolean;
}

export interface CloudMapInstance {
  id: string;
  attributes: Record<string, string>;
}

export interface CreateCloudMapServiceInput {
  namespace: CloudMapNamespace;
  name: string;
  /** DNS records for a DNS namespace; none for an HTTP one. */
  dns?: { recordType: 'A' | 'AAAA'; ttl: number };
  customHealth: boolean;
  tags: Record<string, string>;
  /** Stable per target, namespace and service: a retried create returns the first one's service. */
  creatorRequestId: string;
}

/**
 * The adapter (packages/cloudmap) owns paging, retries, error mapping and waiting for the asynchronous
 * operations: register and deregister resolve once GetOperation says SUCCESS.
 */
export interface CloudMapApi {
  /** The namespace of the caller's account with this name, or undefined. */
  findNamespace(name: string): Promise<CloudMapNamespace | undefined>;
  createNamespace(
    name: string,
    options: { vpc?: string; tags: Record<string, string>; creatorRequestId: string },
  ): Promise<CloudMapNamespace>;
  findService(namespaceId: string, name: string): Promise<CloudMapService | undefined>;
  createService(input: CreateCloudMapServiceInput): Promise<CloudMapService>;
  deleteService(serviceId: string): Promise<void>;
  listTags(arn: string): Promise<Record<string, string>>;
  listInstances(serviceId: string): Promise<CloudMapInstance[]>;
  /** Registers (or re-registers with new attributes) and waits for the operation to succeed. */
  registerInstance(serviceId: string, instanceId: string, attributes: Record<string, string>): Promise<void>;
  /** Deregisters and waits; an instance that is already gone counts as deregistered. */
  deregisterInstance(serviceId: string, instanceId: string): Promise<void>;
  health(serviceId: string): Promise<Record<string, CloudMapHealth>>;
  setHealth(serviceId: string, instanceId: string, status: 'HEALTHY' | 'UNHEALTHY'): Promise<void>;
}
