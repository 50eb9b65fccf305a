import { clientToken } from '../apply/client-token.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { LatticeApi, ObservedLatticeResource } from '../ports/lattice-api.ts';
import { latticeAncestorKeys, parseLatticeKey } from '../provider/lattice-resource-key.ts';
import type { Writer } from '../provider/writer.ts';
import { type InventoryEntry, recordedArn } from '../state/inventory-entry.ts';
import type { InventoryStore } from '../state/state-store.ts';
import { latticeKinds } from './lattice-kinds.ts';
import type { LatticePlannedChange } from './lattice-plan-types.ts';
import type { DesiredLatticeResource, DesiredTargetGroup, LatticeTarget } from './lattice-resource.ts';
import { createWrite, updateInput } from './lattice-write-input.ts';

export interface LatticeWriterOptions {
  targetId: string;
  revision: string;
  /** Distinguishes this run's writes from an earlier run's at the same revision (see clientToken). */
  runId: string;
  api: LatticeApi;
  store: Pick<InventoryStore, 'putInventory' | 'deleteInventory' | 'getInventory'>;
  now: () => Date;
  /** The targets a new target group starts with, registered before any listener or rule forwards to it. */
  targetsFor?: (group: DesiredTargetGroup) => Promise<LatticeTarget[]>;
  /**
   * The target's inventory as this run read it: an unchanged resource is checked against it rather than read
   * from the store again, one call per resource. Absent, each is read from the store.
   */
  inventory?: readonly InventoryEntry[];
}

const ownerTag = 'meshcd:target';

/**
 * Lattice's writer: one planned change as Lattice calls, recorded in the inventory as Lattice confirms it.
 * It is made for one plan, because Lattice ids exist only once created: what a change references (by key)
 * is looked up among the plan's observed resources and what this writer created. Asynchronous kinds are
 * awaited by the adapter; a target group is emptied before it is deleted; the rules of a listener whose
 * priorities change move in one batch, so two rules may swap.
 */
export function latticeWriter(
  changes: readonly LatticePlannedChange[],
  options: LatticeWriterOptions,
): Writer<LatticePlannedChange> {
  const { api, store, targetId, revision } = options;
  let writes = 0;
  const recorded = options.inventory && new Map(options.inventory.map((e) => [e.key, e]));
  const ids = new Map<string, ObservedLatticeResource>();
  for (const c of changes) if (c.observed && c.reason !== 'replaced') ids.set(c.observed.key, c.observed);
  const idOf = (key: string) => {
    const id = ids.get(key)?.id;
    if (!id) throw new Error(`${key} has no Lattice id yet: what it references was not created`);
    return id;
  };
  const ownerTags = (d: DesiredLatticeResource) =>
    latticeKinds[d.kind].taggable ? { ...(d.tags ?? {}), [ownerTag]: targetId } : undefined;

  const record = async (d: DesiredLatticeResource, result: ObservedLatticeResource) => {
    ids.set(d.key, result);
    await store.putInventory({
      provider: 'lattice',
      targetId,
      key: d.key,
      kind: d.kind,
      arn: result.arn,
      uid: result.id,
      createdAt: result.createdAt || undefined,
      version: result.lastUpdatedAt ?? '',
      specHash: specHash(d.spec),
      lastAppliedSpec: d.spec,
      sourceFile: d.source.location.file,
      sourceRevision: revision,
      updatedAt: options.now().toISOString(),
    });
  };

  // One batch per listener, shared by every rule of it whose priority moves: each awaits the same call.
  const batches = new Map<string, Promise<void>>();
  const movesPriority = (c: LatticePlannedChange) =>
    c.kind === 'Rule' && c.action === 'update' && c.diff.some((f) => f.path === 'priority');
  const movePriorities = (c: LatticePlannedChange): Promise<void> => {
    const parent = c.observed!.parent!;
    const listenerId = parent.listenerId!;
    let batch = batches.get(listenerId);
    if (!batch) {
      const group = changes.filter((x) => movesPriority(x) && x.observed?.parent?.listenerId === listenerId);
      writes++;
      batch = api.setRulePriorities(
        { serviceId: parent.serviceId!, listenerId },
        group.map((x) => ({
          ruleId: x.observed!.id,
          priority: (x.desired!.spec as { priority: number }).priority,
        })),
      );
      batches.set(listenerId, batch);
    }
    return batch;
  };

  const create = async (c: LatticePlannedChange, d: DesiredLatticeResource) => {
    writes++;
    const tags = ownerTags(d);
    const created = await api.create(createWrite(d, idOf, c.createAs), {
      clientToken: clientToken({
        targetId,
        runId: options.runId,
        operation: 'create',
        key: c.key,
        specHash: specHash(d.spec),
        revision,
      }),
      tags,
    });
    await record(d, created);
    if (d.kind === 'TargetGroup' && options.targetsFor) {
      const targets = await options.targetsFor(d);
      if (targets.length > 0) {
        writes++;
        await api.registerTargets(created.id, targets);
      }
    }
  };

  const update = async (c: LatticePlannedChange, d: DesiredLatticeResource, o: ObservedLatticeResource) => {
    if (movesPriority(c)) await movePriorities(c);
    const tags = ownerTags(d);
    if (c.reason === 'adopt' && tags) {
      writes++;
      await api.tag(o.arn, tags);
    }
    const input = updateInput(d, idOf);
    const onlyPriority = d.kind === 'Rule' && c.diff.every((f) => f.path === 'priority');
    if (Object.keys(input).length > 0 && !onlyPriority) {
      writes++;
      await record(d, await api.update(o, input));
    } else await record(d, (await api.get(o)) ?? o);
  };

  const remove = async (c: LatticePlannedChange, o: ObservedLatticeResource) => {
    if (c.kind === 'TargetGroup') {
      const registered = (await api.listTargets(o.id)).filter((t) => t.status !== 'DRAINING');
      if (registered.length > 0) {
        writes++;
        await api.deregisterTargets(
          o.id,
          registered.map(({ id, port }) => ({ id, port })),
        );
      }
    }
    writes++;
    await api.delete(o);
    await store.deleteInventory(targetId, c.key);
  };

  return {
    get writes() {
      return writes;
    },
    async write(c) {
      const d = c.desired;
      const o = c.observed;
      if (c.action === 'create' && d) await create(c, d);
      else if (c.action === 'update' && d && o) await update(c, d, o);
      else if (c.action === 'delete' && o) await remove(c, o);
      else if (c.action === 'unchanged' && d && o) {
        // Heals an inventory that lost a write (a crash between Lattice and the store) without a Lattice call.
        const entry = recorded ? recorded.get(c.key) : await store.getInventory(targetId, c.key);
        if (!entry || recordedArn(entry) !== o.arn || entry.version !== (o.lastUpdatedAt ?? ''))
          await record(d, o);
      }
    },
  };
}

/**
 * What a Lattice change needs to have worked: a create or update, what it references (its dependsOn); a
 * delete, the deletes of what lives under it (a listener's rules, a service's listeners). The wave runner
 * asks it of every change, so each plan is indexed once rather than scanned per change.
 */
export function latticeChangeNeeds(
  change: LatticePlannedChange,
  changes: readonly LatticePlannedChange[],
): LatticePlannedChange[] {
  if (change.action !== 'create' && change.action !== 'update' && change.action !== 'delete') return [];
  const index = needsIndexOf(changes);
  if (change.action === 'delete')
    return (index.deletesUnder.get(change.key) ?? []).filter((c) => c !== change);
  const found = (change.desired?.dependsOn ?? []).flatMap((key) => index.byKey.get(key) ?? []);
  // In the plan's order, once each, as a scan of the plan would give them.
  return [...new Set(found)]
    .filter((c) => c.action !== 'delete')
    .sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

interface NeedsIndex {
  byKey: Map<string, LatticePlannedChange[]>;
  /** Key → the deletes of resources inside it (see latticeAncestorKeys), in the plan's order. */
  deletesUnder: Map<string, LatticePlannedChange[]>;
  position: Map<LatticePlannedChange, number>;
}

const needsIndexes = new WeakMap<readonly LatticePlannedChange[], NeedsIndex>();

function needsIndexOf(changes: readonly LatticePlannedChange[]): NeedsIndex {
  const known = needsIndexes.get(changes);
  if (known) return known;
  const index: NeedsIndex = { byKey: new Map(), deletesUnder: new Map(), position: new Map() };
  const push = (map: Map<string, LatticePlannedChange[]>, key: string, c: LatticePlannedChange) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  changes.forEach((c, i) => {
    index.position.set(c, i);
    push(index.byKey, c.key, c);
    if (c.action !== 'delete') return;
    const key = parseLatticeKey(c.key);
    for (const parent of key ? latticeAncestorKeys(key.id) : []) push(index.deletesUnder, parent, c);
  });
  needsIndexes.set(changes, index);
  return index;
}
