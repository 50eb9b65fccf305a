import type { KubeObject } from '../kube-object.ts';
import type { ControllerWriter, OwnerReference } from './controller-writer.ts';

/**
 * The garbage collector's background cascade: an object all of whose owners are gone is deleted, so
 * deleting a Deployment takes its ReplicaSets and their Pods with it. Orphaned dependents (deleted with
 * `propagationPolicy: Orphan`) have had their ownerReferences removed and stay.
 */
export function collectGarbage(objects: readonly KubeObject[], writer: ControllerWriter): void {
  const uids = new Set(objects.map((o) => o.metadata.uid));
  for (const object of objects) {
    const owners = (object.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
    if (owners.length > 0 && owners.every((owner) => !uids.has(owner.uid))) writer.delete(object);
  }
}
