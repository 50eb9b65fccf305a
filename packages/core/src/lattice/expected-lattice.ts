import { latticeNameOf, parseLatticeKey } from '../provider/lattice-resource-key.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { DesiredLatticeResource, LatticeTargetSource } from './lattice-resource.ts';
import { recordedTargetGroups } from './sync-lattice-targets.ts';

/** Inventory keys a spec names (its network, service, listener, policy holder and target groups). */
function referencedKeys(spec: unknown): string[] {
  const keys: string[] = [];
  const walk = (v: unknown, member?: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && member?.endsWith('Key')) keys.push(v);
  };
  walk(spec);
  return keys;
}

/**
 * What meshcd last applied to Lattice, as desired resources: the inventory's last-applied specs, so drift
 * can be measured (and healed) without the manifests. A target group's targets come from the record of
 * where they follow pods.
 */
export function expectedLatticeFromInventory(inventory: readonly InventoryEntry[]): DesiredLatticeResource[] {
  const sources = new Map(recordedTargetGroups(inventory).map((m) => [m.key, m.source]));
  const out: DesiredLatticeResource[] = [];
  for (const e of inventory) {
    const key = parseLatticeKey(e.key);
    if (!key || key.instance !== undefined) continue;
    const kind = key.id.kind;
    const name = latticeNameOf(key.id);
    const base = {
      kind,
      key: e.key,
      name,
      spec: e.lastAppliedSpec,
      // Not from a manifest: the location says where the spec came from instead.
      source: {
        ref: { apiVersion: 'vpc-lattice', kind, name },
        location: { file: `inventory@${e.sourceRevision}`, line: 1, column: 1 },
      },
      dependsOn: referencedKeys(e.lastAppliedSpec),
    };
    if (kind === 'TargetGroup') {
      const port = (e.lastAppliedSpec as { config?: { port?: number } }).config?.port ?? 0;
      const targets: LatticeTargetSource = sources.get(e.key) ?? { from: 'pods', namespace: '', port };
      // The service it counts under is not recorded: only the quota pre-check reads it, and drift skips that.
      out.push({ ...base, kind, serviceKey: '', targets } as DesiredLatticeResource);
    } else out.push(base as DesiredLatticeResource);
  }
  return out;
}
