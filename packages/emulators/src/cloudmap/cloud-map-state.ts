/** Everything the Cloud Map emulator knows; plain JSON so it snapshots, restores and persists as is. */

export type NamespaceType = 'DNS_PUBLIC' | 'DNS_PRIVATE' | 'HTTP';
export type CustomHealth = 'HEALTHY' | 'UNHEALTHY';
export type OperationStatus = 'SUBMITTED' | 'PENDING' | 'SUCCESS' | 'FAIL';
export type OperationType =
  | 'CREATE_NAMESPACE'
  | 'DELETE_NAMESPACE'
  | 'UPDATE_NAMESPACE'
  | 'UPDATE_SERVICE'
  | 'REGISTER_INSTANCE'
  | 'DEREGISTER_INSTANCE';

export interface Tag {
  Key: string;
  Value: string;
}

export interface StoredNamespace {
  Id: string;
  Arn: string;
  Name: string;
  Type: NamespaceType;
  Description?: string;
  Properties: Record<string, unknown>;
  /** Epoch seconds. */
  CreateDate: number;
  CreatorRequestId?: string;
  ResourceOwner: string;
}

export interface StoredService {
  Id: string;
  Arn: string;
  Name: string;
  NamespaceId: string;
  Description?: string;
  Type: 'HTTP' | 'DNS_HTTP' | 'DNS';
  DnsConfig?: Record<string, unknown>;
  HealthCheckConfig?: Record<string, unknown>;
  HealthCheckCustomConfig?: { FailureThreshold: number };
  CreateDate: number;
  CreatorRequestId?: string;
  ResourceOwner: string;
  CreatedByAccount: string;
  /** GetServiceAttributes' map. */
  Attributes: Record<string, string>;
}

export interface StoredInstance {
  Id: string;
  CreatorRequestId?: string;
  Attributes: Record<string, string>;
  CreatedByAccount: string;
  /** The custom health status in force (services with HealthCheckCustomConfig only). */
  health?: CustomHealth;
  /** A custom health status reported but not yet in force, and when it takes effect (epoch ms). */
  pendingHealth?: { status: CustomHealth; at: number };
}

/** What an operation does when it completes; applied to the state then, never at submission. */
export type OperationEffect =
  | { kind: 'create-namespace'; namespace: StoredNamespace; tags: Tag[] }
  | { kind: 'delete-namespace'; namespaceId: string }
  | { kind: 'update-namespace'; namespaceId: string; changes: Record<string, unknown> }
  | { kind: 'update-service'; serviceId: string; changes: Record<string, unknown> }
  | { kind: 'register-instance'; serviceId: string; instance: StoredInstance }
  | { kind: 'deregister-instance'; serviceId: string; instanceId: string };

export interface StoredOperation {
  Id: string;
  OwnerAccount: string;
  Type: OperationType;
  Status: OperationStatus;
  ErrorMessage?: string;
  ErrorCode?: string;
  CreateDate: number;
  UpdateDate: number;
  Targets: Partial<Record<'NAMESPACE' | 'SERVICE' | 'INSTANCE', string>>;
  /** Epoch ms at which the operation completes; absent once it has. */
  completesAt?: number;
  effect?: OperationEffect;
}

/** A remembered CreatorRequestId: the request it came with and what it answered. */
export interface RequestRecord {
  fingerprint: string;
  result: Record<string, unknown>;
}

export interface CloudMapState {
  namespaces: Record<string, StoredNamespace>;
  services: Record<string, StoredService>;
  /** Service id → instance id → instance. */
  instances: Record<string, Record<string, StoredInstance>>;
  /** Service id → revision, bumped on every instance change (DiscoverInstancesRevision). */
  revisions: Record<string, number>;
  operations: Record<string, StoredOperation>;
  /** ARN → tags. */
  tags: Record<string, Tag[]>;
  requests: Record<string, RequestRecord>;
}

export const emptyCloudMapState = (): CloudMapState => ({
  namespaces: {},
  services: {},
  instances: {},
  revisions: {},
  operations: {},
  tags: {},
  requests: {},
});
