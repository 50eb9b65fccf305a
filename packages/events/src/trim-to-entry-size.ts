import { eventError } from './event-error.ts';

/** EventBridge's PutEvents entry limit. */
export const maxEntryBytes = 256 * 1024;

/** Fields dropped, in this order, until a detail fits: the least useful to the reconciler first. */
export const defaultDropOrder = ['commits', 'head_commit', 'changedPaths', 'pusher', 'before'] as const;

export interface TrimOptions {
  source: string;
  detailType: string;
  resources?: string[];
  maxBytes?: number;
  dropOrder?: readonly string[];
}

export interface Trimmed<T> {
  detail: T;
  /** Fields removed, also recorded in `detail.trimmed` so consumers know the detail is partial. */
  trimmed: string[];
  /** Entry size after trimming, as EventBridge counts it. */
  bytes: number;
}

/**
 * Entry size as EventBridge computes it: UTF-8 bytes of Source, DetailType, Detail and each Resource,
 * plus 14 bytes for Time (always counted: the caller may set it).
 */
export function putEventsEntrySize(entry: {
  source: string;
  detailType: string;
  detail: string;
  resources?: string[];
}): number {
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
  return (
    14 +
    utf8(entry.source) +
    utf8(entry.detailType) +
    utf8(entry.detail) +
    (entry.resources ?? []).reduce((sum, r) => sum + utf8(r), 0)
  );
}

/**
 * Drops optional fields of `detail` until its PutEvents entry fits, saying what it dropped; throws
 * MeshcdError(event, too-large) naming the size and the limit when even the trimmed detail is too big.
 */
export function trimToEntrySize<T extends Record<string, unknown>>(
  detail: T,
  options: TrimOptions,
): Trimmed<T> {
  const maxBytes = options.maxBytes ?? maxEntryBytes;
  const size = (d: Record<string, unknown>) => putEventsEntrySize({ ...options, detail: JSON.stringify(d) });
  let current: Record<string, unknown> = detail;
  const trimmed: string[] = [];
  for (const field of options.dropOrder ?? defaultDropOrder) {
    if (size(current) <= maxBytes) break;
    if (!(field in current)) continue;
    const { [field]: _dropped, ...rest } = current;
    trimmed.push(field);
    current = { ...rest, trimmed: [...trimmed] };
  }
  const bytes = size(current);
  if (bytes > maxBytes) {
    throw eventError(
      'too-large',
      `${options.source} / ${options.detailType} entry is ${bytes} bytes, over the ${maxBytes}-byte PutEvents limit` +
        (trimmed.length ? ` even without ${trimmed.join(', ')}` : ''),
    );
  }
  return { detail: current as T, trimmed, bytes };
}
