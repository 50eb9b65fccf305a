/** The kinds of Lattice resource the emulator keeps, each with its id prefix and ARN path. */
export const kinds = {
  serviceNetwork: { prefix: 'sn', arnPath: 'servicenetwork', resourceType: 'SERVICE_NETWORK' },
  service: { prefix: 'svc', arnPath: 'service', resourceType: 'SERVICE' },
  listener: { prefix: 'listener', arnPath: 'listener', resourceType: 'LISTENER' },
  rule: { prefix: 'rule', arnPath: 'rule', resourceType: 'RULE' },
  targetGroup: { prefix: 'tg', arnPath: 'targetgroup', resourceType: 'TARGET_GROUP' },
  serviceNetworkServiceAssociation: {
    prefix: 'snsa',
    arnPath: 'servicenetworkserviceassociation',
    resourceType: 'SERVICE_NETWORK_SERVICE_ASSOCIATION',
  },
  serviceNetworkVpcAssociation: {
    prefix: 'snva',
    arnPath: 'servicenetworkvpcassociation',
    resourceType: 'SERVICE_NETWORK_VPC_ASSOCIATION',
  },
  accessLogSubscription: {
    prefix: 'als',
    arnPath: 'accesslogsubscription',
    resourceType: 'ACCESS_LOG_SUBSCRIPTION',
  },
} as const;

export type Kind = keyof typeof kinds;

/** One resource. Timestamps are epoch milliseconds; `attrs` holds the kind's own members as the API names them. */
export interface StoredResource {
  kind: Kind;
  id: string;
  arn: string;
  account: string;
  /** Creation order, for stable listing. */
  seq: number;
  name?: string;
  createdAt: number;
  lastUpdatedAt: number;
  /** Asynchronous kinds: when CREATE_IN_PROGRESS (or UPDATE_IN_PROGRESS) turns ACTIVE. */
  readyAt?: number;
  updating?: boolean;
  /** Set by Delete on asynchronous kinds: DELETE_IN_PROGRESS until then, gone after. */
  goneAt?: number;
  /** Listeners and rules: the service (and listener) they belong to. */
  serviceId?: string;
  listenerId?: string;
  attrs: Record<string, unknown>;
  tags: Record<string, string>;
}

export interface StoredTarget {
  id: string;
  port?: number;
  registeredAt: number;
  /** Set by DeregisterTargets: DRAINING until then, gone after. */
  drainUntil?: number;
}

export interface StoredPolicy {
  policy: string;
  createdAt: number;
  lastUpdatedAt: number;
}

/** A remembered clientToken: what the request looked like, what it answered, and when. */
export interface TokenRecord {
  fingerprint: string;
  result: unknown;
  at: number;
}

/** Everything the emulator knows; plain JSON so it snapshots, restores and persists as is. */
export interface LatticeState {
  resources: Record<string, StoredResource>;
  /** Target group id → `id|port` → target. */
  targets: Record<string, Record<string, StoredTarget>>;
  /** Network or service id → its auth policy. */
  authPolicies: Record<string, StoredPolicy>;
  /** Network or service ARN → its resource policy. */
  resourcePolicies: Record<string, string>;
  /** Resource id → accounts it is shared with (as AWS RAM would). */
  shares: Record<string, string[]>;
  tokens: Record<string, TokenRecord>;
  seq: number;
}

export const emptyState = (): LatticeState => ({
  resources: {},
  targets: {},
  authPolicies: {},
  resourcePolicies: {},
  shares: {},
  tokens: {},
  seq: 0,
});

export const cloneState = (state: LatticeState): LatticeState => structuredClone(state);

export type LifecycleStatus = 'CREATE_IN_PROGRESS' | 'ACTIVE' | 'UPDATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS';

/** Where an asynchronous resource is in its lifecycle at `now`. */
export function statusOf(r: StoredResource, now: number): LifecycleStatus {
  if (r.goneAt !== undefined) return 'DELETE_IN_PROGRESS';
  if (r.readyAt !== undefined && now < r.readyAt)
    return r.updating ? 'UPDATE_IN_PROGRESS' : 'CREATE_IN_PROGRESS';
  return 'ACTIVE';
}

/**
 * Removes what finished deleting or draining by `now`, and answers when the next pending deletion or drain
 * ends (Infinity when none is pending): until then, or until a write, there is nothing to sweep.
 */
export function sweep(state: LatticeState, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const r of Object.values(state.resources)) {
    if (r.goneAt === undefined) continue;
    if (now < r.goneAt) next = Math.min(next, r.goneAt);
    else {
      delete state.resources[r.id];
      if (r.kind === 'targetGroup') delete state.targets[r.id];
    }
  }
  for (const targets of Object.values(state.targets)) {
    for (const [key, t] of Object.entries(targets)) {
      if (t.drainUntil === undefined) continue;
      if (now < t.drainUntil) next = Math.min(next, t.drainUntil);
      else delete targets[key];
    }
  }
  return next;
}

/** Resources of a kind, optionally narrowed. */
export const resourcesOf = (
  state: LatticeState,
  kind: Kind,
  where: (r: StoredResource) => boolean = () => true,
) => Object.values(state.resources).filter((r) => r.kind === kind && where(r));
