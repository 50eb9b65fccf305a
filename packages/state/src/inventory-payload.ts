import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { InventoryEntry } from '@meshcd/core';
import { storedInventoryEntry } from './stored-inventory-entry.ts';

/**
 * Bytes of an entry's payload one item may carry: DynamoDB refuses items over 400 KB, and the keys and
 * projected attributes need room beside it.
 */
export const itemPayloadBudget = 350_000;

/** How an entry is stored: as JSON in the item, gzipped in the item, or gzipped over several part items. */
export interface InventoryPayload {
  attributes: { data: string } | { dataGz: Uint8Array } | { dataParts: number; dataDigest: string };
  /** The part items' payloads, in order (only with `dataParts`). */
  parts: Uint8Array[];
}

/**
 * The entry's stored form. A cluster object may be legal up to 1 MiB (a large ConfigMap), more than one
 * item holds: it is compressed, and what still does not fit is split over part items named by the digest of
 * the whole, so a reader never mixes the parts of two versions.
 */
export function encodeInventoryPayload(entry: InventoryEntry): InventoryPayload {
  const json = JSON.stringify(entry);
  if (Buffer.byteLength(json) <= itemPayloadBudget) return { attributes: { data: json }, parts: [] };
  const gz = gzipSync(json);
  if (gz.byteLength <= itemPayloadBudget) return { attributes: { dataGz: gz }, parts: [] };
  const parts: Uint8Array[] = [];
  for (let at = 0; at < gz.byteLength; at += itemPayloadBudget)
    parts.push(gz.subarray(at, at + itemPayloadBudget));
  const dataDigest = createHash('sha256').update(gz).digest('hex').slice(0, 32);
  return { attributes: { dataParts: parts.length, dataDigest }, parts };
}

/** The entry from its item, reading the part items when it was split. */
export async function decodeInventoryPayload(
  item: Record<string, unknown>,
  readParts: (digest: string, count: number) => Promise<Uint8Array[]>,
): Promise<InventoryEntry> {
  if (typeof item.data === 'string') return storedInventoryEntry(JSON.parse(item.data));
  const gz =
    item.dataGz instanceof Uint8Array
      ? item.dataGz
      : Buffer.concat(await readParts(String(item.dataDigest), Number(item.dataParts)));
  return storedInventoryEntry(JSON.parse(gunzipSync(gz).toString('utf8')));
}
