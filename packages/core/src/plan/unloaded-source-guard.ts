import type { InventoryEntry } from '../state/inventory-entry.ts';

interface UnloadedSourceBlocker {
  reason: 'source-not-loaded';
  message: string;
  keys: string[];
}

/**
 * Refuses to prune what came from a file that is still in the tree but did not load (skipped as something
 * else, or broken): its resources look removed from Git only because they could not be read. Not even
 * `--allow-prune` overrides it; the file has to be fixed, or deleted on purpose.
 */
export function guardUnloadedSources(
  changes: readonly { action: string; reason: string; key: string }[],
  inventory: readonly InventoryEntry[],
  unloadedFiles: readonly string[],
): UnloadedSourceBlocker[] {
  if (unloadedFiles.length === 0) return [];
  const unloaded = new Set(unloadedFiles);
  const sourceOf = new Map(inventory.map((e) => [e.key, e.sourceFile]));
  const byFile = new Map<string, string[]>();
  for (const c of changes) {
    if (c.action !== 'delete' || c.reason !== 'removed-from-git') continue;
    const file = sourceOf.get(c.key);
    if (file === undefined || !unloaded.has(file)) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), c.key]);
  }
  return [...byFile].map(([file, keys]) => ({
    reason: 'source-not-loaded',
    message: `${file} is still in the tree but did not load; the plan would delete the ${keys.length} resource(s) it held (${keys.join(', ')}); fix the file, or remove it to delete them`,
    keys,
  }));
}
