import { clientToken } from '../apply/client-token.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { isRecordedInstance, ownerTagKey } from '../plan/ownership.ts';
import type { PlannedChange } from '../plan/plan-types.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import { isInside } from '../provider/resource-key.ts';
import type { Writer } from '../provider/writer.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { InventoryStore } from '../state/state-store.ts';

export interface AppMeshWriterOptions {
  targetId: string;
  revision: string;
  /** Distinguishes this run's writes from an earlier run's at the same revision (see clientToken). */
  runId: string;
  api: MeshApi;
  store: InventoryStore;
  /** Current time, for inventory timestamps. */
  now: () => Date;
  /**
   * The target's inventory as this run read it, under its lease: an unchanged resource is checked against
   * it rather than read again, one call per resource. Absent, each is read from the store.
   */
  inventory?: readonly InventoryEntry[];
}

/**
 * App Mesh's writer: one planned change as App Mesh calls (with the ownership tag and an idempotency
 * token), recorded in the inventory as soon as App Mesh confirms it. An unchanged resource whose
 * inventory entry lost a write (a crash between App Mesh and DynamoDB) is re-recorded with no call.
 */
export function appMeshWriter(options: AppMeshWriterOptions): Writer<PlannedChange> {
  const { api, store, targetId, revision } = options;
  let writes = 0;
  const recorded = options.inventory && new Map(options.inventory.map((e) => [e.key, e]));

  const record = async (change: PlannedChange, result: ObservedMeshResource) => {
    const spec = change.desired!.spec;
    await store.putInventory({
      provider: 'appmesh',
      targetId,
      key: change.key,
      kind: change.kind,
      arn: result.arn,
      uid: result.uid || undefined,
      createdAt: result.createdAt || undefined,
      version: result.version,
      specHash: specHash(spec),
      lastAppliedSpec: spec,
      sourceFile: change.desired!.source.location.file,
      sourceRevision: revision,
      updatedAt: options.now().toISOString(),
    });
  };

  return {
    get writes() {
      return writes;
    },
    async write(change) {
      const token = (operation: string) =>
        clientToken({
          targetId,
          runId: options.runId,
          operation,
          key: change.key,
          specHash: specHash(change.desired?.spec ?? null),
          revision,
        });
      const meshOwner = change.desired?.meshOwner ?? change.observed?.meshOwner;
      if (change.action === 'create') {
        writes++;
        const tags = { [ownerTagKey]: targetId };
        await record(
          change,
          await api.create(change.desired!, { clientToken: token('create'), tags, meshOwner }),
        );
      } else if (change.action === 'update') {
        if (change.reason === 'adopt') {
          writes++;
          await api.tag(change.observed!.arn, { [ownerTagKey]: targetId });
        }
        writes++;
        await record(change, await api.update(change.desired!, { clientToken: token('update'), meshOwner }));
      } else if (change.action === 'delete') {
        writes++;
        await api.delete(change.observed!);
        await store.deleteInventory(targetId, change.key);
      } else if (change.action === 'unchanged') {
        const o = change.observed!;
        const entry = recorded ? recorded.get(change.key) : await store.getInventory(targetId, change.key);
        if (!isRecordedInstance(o, entry) || entry.version !== o.version) await record(change, o);
      }
    },
  };
}

/**
 * What an App Mesh change needs to have worked: a create or update, what it references (its dependsOn);
 * deleting a parent, its children's deletes (routes of a router, gateway routes of a gateway, members of
 * a mesh).
 */
export function meshChangeNeeds(change: PlannedChange, changes: readonly PlannedChange[]): PlannedChange[] {
  if (change.action === 'create' || change.action === 'update') {
    const needs = new Set(change.desired?.dependsOn ?? []);
    return changes.filter((c) => needs.has(c.key) && c.action !== 'delete');
  }
  if (change.action !== 'delete') return [];
  return changes.filter((c) => c !== change && c.action === 'delete' && isInside(c.key, change.key));
}
