import type { LatticeResourceKind, LatticeTarget } from '../lattice/lattice-resource.ts';

/**
 * A Lattice resource as the service answers it, in the API's own words (ids, not inventory keys). List calls
 * fill everything but `detail`; Get adds `detail` (the fields meshcd manages). `lastUpdatedAt` is the version:
 * Lattice ids are never reused, so the ARN alone tells one instance from a re-created one.
 */
export interface ObservedLatticeResource {
  kind: LatticeResourceKind;
  id: string;
  arn: string;
  /** Lattice name; for associations the partner's name or VPC id; for auth policies the parent's name. */
  name: string;
  /** Ids of the resources this one lives in or joins. */
  parent?: { serviceNetworkId?: string; serviceId?: string; listenerId?: string };
  /** Asynchronous kinds only: CREATE_IN_PROGRESS, ACTIVE, DELETE_IN_PROGRESS, *_FAILED… */
  status?: string;
  createdAt?: string;
  lastUpdatedAt?: string;
  /** The listener's default rule: it comes and goes with its listener and is never planned. */
  isDefault?: boolean;
  /** Whoever created an association (another account's is not ours). */
  createdBy?: string;
  /** Get's answer: the managed fields, API-shaped (target group ids, not keys). */
  detail?: Record<string, unknown>;
  tags?: Record<string, string>;
}

/** Where a child kind is listed. */
export type LatticeListScope =
  | { kind: 'ServiceNetwork' | 'Service' | 'TargetGroup' }
  | { kind: 'ServiceNetworkVpcAssociation' | 'ServiceNetworkServiceAssociation'; serviceNetworkId: string }
  | { kind: 'Listener'; serviceId: string }
  | { kind: 'Rule'; serviceId: string; listenerId: string };

/** One write: the kind, where it goes (parent ids) and the API's request members. */
export interface LatticeWrite {
  kind: LatticeResourceKind;
  parent?: ObservedLatticeResource['parent'];
  /** Request members as the API names them (`name`, `config`, `defaultAction`, `policy`…). */
  input: Record<string, unknown>;
}

export interface LatticeTargetStatus extends LatticeTarget {
  status?: string;
}

/**
 * The LatticeApi port: VPC Lattice as the engine needs it. The adapter (packages/lattice) owns paging,
 * throttling, retries, error mapping and waiting: create and delete of the asynchronous kinds (services,
 * target groups, associations) resolve once the status is ACTIVE or the resource is gone.
 */
export interface LatticeApi {
  list(scope: LatticeListScope): Promise<ObservedLatticeResource[]>;
  /** The resource with `detail`, or undefined when it is gone. */
  get(resource: ObservedLatticeResource): Promise<ObservedLatticeResource | undefined>;
  listTags(arn: string): Promise<Record<string, string>>;
  tag(arn: string, tags: Record<string, string>): Promise<void>;
  create(
    write: LatticeWrite,
    options: { clientToken: string; tags?: Record<string, string> },
  ): Promise<ObservedLatticeResource>;
  update(resource: ObservedLatticeResource, input: Record<string, unknown>): Promise<ObservedLatticeResource>;
  /** Sets several rules' priorities of one listener at once, so two rules can swap. */
  setRulePriorities(
    listener: { serviceId: string; listenerId: string },
    priorities: Array<{ ruleId: string; priority: number }>,
  ): Promise<void>;
  /** Deletes and waits until it is gone; a resource that is already gone counts as deleted. */
  delete(resource: ObservedLatticeResource): Promise<void>;
  listTargets(targetGroupId: string): Promise<LatticeTargetStatus[]>;
  /** Registers (an upsert), in chunks the API accepts; fails naming every target it refused. */
  registerTargets(targetGroupId: string, targets: LatticeTarget[]): Promise<void>;
  /** Deregisters; a target that is not registered counts as deregistered. */
  deregisterTargets(targetGroupId: string, targets: LatticeTarget[]): Promise<void>;
}
