import { type Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceLocation } from '../source-location.ts';
import type { PathSegment } from './manifest-object.ts';

/**
 * Finds the source position of a field path in a parsed YAML document. A map entry points at its key (that is
 * where a reader looks for `port:`), a list item at its first character. Missing fields resolve to the nearest
 * ancestor that exists, so "required field missing" errors point at the object that lacks it.
 */
export function locateInDocument(
  doc: Document,
  at: (offset: number) => SourceLocation,
  path: readonly PathSegment[],
): SourceLocation {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === segment : p.key === segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return at(offset);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
