import pLimit from 'p-limit';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { objectLabel } from '../manifests/manifest-object.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { ClusterChange, ClusterPlan } from './cluster-plan-types.ts';

const missingNamespace = /namespaces "([^"]+)" not found/;

/**
 * Asks the API server to admit every object and injection the plan would write, without storing any
 * (`dryRun=All`), before meshcd writes anything anywhere: a set the cluster would refuse in part is
 * refused whole, App Mesh included. An object whose namespace the same plan creates cannot be checked
 * before that namespace exists, as with `kubectl apply --dry-run=server`, and counts as admitted.
 */
export async function dryRunClusterPlan(plan: ClusterPlan, cluster: ClusterApi): Promise<Diagnostic[]> {
  const limit = pLimit(8);
  const created = new Set(
    plan.changes.filter((c) => c.kind === 'Namespace' && c.action === 'create').map((c) => c.name),
  );
  // Injections are meshcd's own patches to objects this plan may only be creating; the objects are what
  // comes from Git and what a cluster may refuse.
  const writes = plan.changes.filter(
    (c) => c.subject === 'object' && (c.action === 'create' || c.action === 'update') && c.body !== undefined,
  );
  const refusals = await Promise.all(
    writes.map((change) =>
      limit(async (): Promise<Diagnostic | undefined> => {
        try {
          await cluster.apply(change.body!, { fieldManager: change.fieldManager!, dryRun: true });
          return undefined;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const namespace = missingNamespace.exec(message)?.[1];
          if (namespace !== undefined && created.has(namespace)) return undefined;
          return refusal(change, message);
        }
      }),
    ),
  );
  return refusals.filter((d): d is Diagnostic => d !== undefined);
}

function refusal(change: ClusterChange, message: string): Diagnostic {
  return {
    severity: 'error',
    code: 'cluster-refused',
    message: `the cluster refuses this object (server-side dry run): ${message}`,
    ...(change.source?.location ?? { file: '', line: 0, column: 0 }),
    object: objectLabel({ kind: change.kind, namespace: change.namespace || undefined, name: change.name }),
    path: '',
  };
}
