import type {
  CloudMapApi,
  ClusterApi,
  DetectDriftResult,
  LatticeApi,
  MeshApi,
  QuotaLimitsSource,
  RevisionRequest,
  StateStore,
  Target,
} from '@meshcd/core';
import type { EventPublisher } from './event-publisher.ts';
import type { ErrorLogger, ReportedError } from './report-or-throw.ts';

type DriftEmission = DetectDriftResult['emit'][number];
type DriftSummary = DetectDriftResult['summary'];

/** What the drift handler needs; its own file so the per-provider checks can name it without an import circle. */
export interface HandleDriftEventDeps {
  state: StateStore;
  events: EventPublisher;
  meshApiFor(target: Target): MeshApi | Promise<MeshApi>;
  /** The target's cluster, when it has one: its objects and injections are checked too. */
  clusterFor?(target: Target): Promise<ClusterApi | undefined>;
  /** Cloud Map: instances are classified, then resynced with the live pods (full checks with a cluster only). */
  cloudMapFor?(target: Target): Promise<CloudMapApi>;
  /** VPC Lattice, for targets whose provider is `lattice`: their target groups are resynced with the live pods. */
  latticeFor?(target: Target): Promise<LatticeApi>;
  /** The account's limits for a target; the documented defaults when absent or undefined. */
  quotaLimitsFor?(target: Target): QuotaLimitsSource | undefined;
  /** Roles meshcd's functions run as: CloudTrail calls made by them are not out-of-band edits. */
  ownRoleArns: readonly string[];
  logger: ErrorLogger & { info(message: string, extra: Record<string, unknown>): void };
  newRunId(): string;
  now(): number;
  /** Lambda's request id: with the event id it names this invocation as a lease holder. */
  requestId: string;
  /** How long a self-heal holds the target's lease at most. */
  leaseTtlMs: number;
}

/** What happened to one target. */
export interface TargetDriftCheck {
  targetId: string;
  /** Absent when the event only swept leases (a scheduled `reconcile` check) or the check failed. */
  scope?: 'full' | 'resource';
  summary?: DriftSummary;
  /** Events published: only what changed since the last report. */
  emitted: DriftEmission['detailType'][];
  healed: boolean;
  /** Cloud Map writes the full resync made (registrations, deregistrations, health reports). */
  endpointsRepaired?: number;
  /** The stuck revision a continuation was published for. */
  swept?: RevisionRequest;
  /** A terminal failure, reported and not retried. */
  error?: ReportedError;
}
