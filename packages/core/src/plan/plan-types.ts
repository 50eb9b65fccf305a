import type { DesiredMeshResource, MeshResourceKind } from '../desired/desired-state.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { Blocker, ChangeAction, ChangeSet } from '../provider/change.ts';
import type { FieldDiff } from './diff-spec.ts';

export type PlanAction = ChangeAction;

export type PlanReason =
  /** create */
  | 'not-found'
  | 'deleted-out-of-band'
  | 'replaced'
  /** update */
  | 'spec-changed'
  | 'drifted'
  | 'adopt'
  /** delete */
  | 'removed-from-git'
  | 'tainted-by-listener-change'
  /** unchanged */
  | 'in-sync'
  /** skip */
  | 'foreign-owner'
  | 'unowned-conflict'
  | 'prune-disabled'
  | 'shared-mesh-missing'
  | 'dependency-failed';

export interface PlannedChange {
  action: PlanAction;
  reason: PlanReason;
  kind: MeshResourceKind;
  key: string;
  meshName: string;
  name: string;
  /** Order of execution: every change of a lower wave finishes before a higher wave starts. */
  wave: number;
  /** What Git wants (create, update, unchanged). */
  desired?: DesiredMeshResource;
  /** What the service has (update, delete, unchanged, skip). */
  observed?: ObservedMeshResource;
  /** Field differences of an update. */
  diff: FieldDiff[];
}

/** Why a plan may not be applied as it stands. */
export type PlanBlocker = Blocker<
  'prune-guard' | 'mesh-deletion' | 'conflict' | 'quota-exceeded' | 'source-not-loaded'
>;

/** The App Mesh change set. */
export type Plan = ChangeSet<PlannedChange, PlanBlocker>;
