import type { FieldDiff } from '../plan/diff-spec.ts';
import type { PlanAction } from '../plan/plan-types.ts';
import type { Blocker, ChangeSet } from '../provider/change.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';
import type { ClusterIssue } from './cluster-workload.ts';

export type ClusterPlanReason =
  /** create */
  | 'not-found'
  | 'not-injected'
  /** update */
  | 'spec-changed'
  | 'drifted'
  | 'adopt'
  | 'injection-changed'
  | 'injection-removed-out-of-band'
  /** delete */
  | 'removed-from-git'
  | 'member-removed'
  /** unchanged */
  | 'in-sync'
  /** skip */
  | 'unowned-conflict'
  | 'foreign-owner'
  | 'prune-disabled'
  | 'kind-not-served';

/** A Git object applied under `meshcd`, or a workload's injection applied under `meshcd-injector`. */
type ClusterSubject = 'object' | 'injection';

export interface ClusterChange {
  action: PlanAction;
  reason: ClusterPlanReason;
  subject: ClusterSubject;
  /** `kube:<namespace>/<group>/<Kind>/<name>`; for an injection, the workload's key. */
  key: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** Namespaces first, workloads later, injections after the workloads exist; deletes in reverse. */
  wave: number;
  /** The server-side apply body (create, update; an injection's delete is the empty apply). */
  body?: Record<string, unknown>;
  fieldManager?: string;
  /** Injection: inventory key of the VirtualNode or VirtualGateway the pods' Envoy connects as. */
  memberKey?: string;
  source?: { ref: ObjectRef; location: SourceLocation };
  /** Fields the cluster lacks or holds differently (update). */
  diff: FieldDiff[];
}

export type ClusterBlocker = Blocker<'prune-guard' | 'namespace-deletion' | 'conflict' | 'source-not-loaded'>;

/** The cluster's change set; `forget` holds `kube:` keys whose object is gone or no longer meshcd's. */
export interface ClusterPlan extends ChangeSet<ClusterChange, ClusterBlocker> {
  /** Warnings and errors about workloads and the cluster; an error also appears as a blocker. */
  issues: ClusterIssue[];
}
