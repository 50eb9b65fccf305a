import { type InventoryEntry, keyProvider, MeshcdError, parseKey } from '@meshcd/core';

/**
 * An inventory entry as read from the table. Entries written before the entry named its provider are
 * upgraded here, so the rest of meshcd only ever sees the typed entry: the provider is the key's scheme,
 * a cluster object's apiVersion was kept in `arn` as `<apiVersion>/<Kind>`, and its namespace and name
 * (like an injection record's) only in its key.
 */
export function storedInventoryEntry(stored: Record<string, unknown>): InventoryEntry {
  if (typeof stored.provider === 'string') return stored as unknown as InventoryEntry;
  const text = String(stored.key);
  const provider = keyProvider(text);
  switch (provider) {
    case 'appmesh':
    case 'lattice':
    case 'lattice-targets':
      return { ...stored, provider } as unknown as InventoryEntry;
    case 'kube': {
      const { arn, ...rest } = stored;
      const key = parseKey(text);
      const kind = String(stored.kind);
      if (key?.provider !== 'kube' || typeof arn !== 'string' || !arn.endsWith(`/${kind}`))
        throw unreadable(text, 'a cluster object recorded without its apiVersion/kind');
      const apiVersion = arn.slice(0, arn.length - kind.length - 1);
      return { ...rest, provider, apiVersion, namespace: key.namespace, name: key.name } as InventoryEntry;
    }
    case 'injector': {
      const key = parseKey(text);
      if (key?.provider !== 'injector') throw unreadable(text, 'an injection record with a malformed key');
      return { ...stored, provider, namespace: key.namespace, name: key.name } as unknown as InventoryEntry;
    }
    default:
      throw unreadable(text, `an unknown key scheme '${provider}'`);
  }
}

const unreadable = (key: string, what: string) =>
  new MeshcdError({
    phase: 'record',
    reason: 'invalid-inventory-entry',
    message: `inventory entry '${key}' is ${what}`,
  });
