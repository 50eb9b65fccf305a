import { appMeshProvider } from './appmesh/appmesh-provider.ts';
import {
  type ReconcileLatticeInput,
  type ReconcileLatticeResult,
  reconcileLattice,
} from './lattice/reconcile-lattice.ts';
import type { Plan, PlannedChange } from './plan/plan-types.ts';
import type { CloudMapApi } from './ports/cloud-map-api.ts';
import type { MeshApi } from './ports/mesh-api.ts';
import type { QuotaLimits } from './quota/quota-defaults.ts';
import {
  type ReconcileMode,
  type ReconcileRunInput,
  type ReconcileRunResult,
  reconcileWith,
} from './reconcile-with.ts';

export type { ReconcileMode, ReconcileStatus } from './reconcile-with.ts';

interface ReconcileInput extends ReconcileRunInput<PlannedChange> {
  mode: ReconcileMode;
  mesh: MeshApi;
  /** Cloud Map: services and instances of VirtualNodes with Cloud Map discovery follow their pods (needs `cluster`). */
  cloudMap?: CloudMapApi;
  quotaLimits?: QuotaLimits;
  /** Observe everything, also the routes of routers the change cannot touch (see observeScopeFor). */
  refresh?: boolean;
  /**
   * The lease holder this run took over from, which never settled: a write it made may be live but not
   * in the inventory, so everything is observed (see observeScopeFor).
   */
  unsettledHolder?: string;
}

export type ReconcileResult = ReconcileRunResult<Plan>;

/**
 * The reconcile recipe of a target, on its provider: the shared skeleton (manifests → desired → observe →
 * plan → apply → record) with the steps of the provider whose port the caller gives (`lattice` for a VPC
 * Lattice target, `mesh` for App Mesh), so a new provider adds a branch here and no export. It always
 * records a run, also when it refuses or throws.
 */
export function reconcile(input: ReconcileLatticeInput): Promise<ReconcileLatticeResult>;
export function reconcile(input: ReconcileInput): Promise<ReconcileResult>;
export function reconcile(
  input: ReconcileInput | ReconcileLatticeInput,
): Promise<ReconcileResult | ReconcileLatticeResult> {
  return 'lattice' in input ? reconcileLattice(input) : reconcileMesh(input);
}

/** App Mesh's steps in the skeleton. */
const reconcileMesh = (input: ReconcileInput): Promise<ReconcileResult> =>
  reconcileWith(input, () =>
    appMeshProvider({
      target: input.target,
      mesh: input.mesh,
      // a push lists only the meshes and routers it changes while the run history vouches for the inventory
      runs: input.state,
      ...(input.refresh ? { refresh: true } : {}),
      ...(input.unsettledHolder !== undefined ? { unsettledHolder: input.unsettledHolder } : {}),
      ...(input.quotaLimits ? { quotaLimits: input.quotaLimits } : {}),
      ...(input.cloudMap ? { cloudMap: input.cloudMap } : {}),
    }),
  );
