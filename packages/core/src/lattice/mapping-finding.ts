import type { PathSegment } from '../manifests/manifest-object.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';
import type { MappingClass } from './mapping-row.ts';
import { type MappingRowId, mappingRow } from './mapping-table.ts';

/** One field of one manifest object that Lattice carries only approximately or not at all. */
export interface MappingFinding {
  row: MappingRowId;
  class: Exclude<MappingClass, 'exact'>;
  source: { ref: ObjectRef; location: SourceLocation };
  /** The field, from the object's root (`spec.routes[0].httpRoute.retryPolicy`). */
  path: PathSegment[];
  /** What this object has there, in a sentence. */
  detail: string;
}

export function mappingFinding(
  row: MappingRowId,
  source: MappingFinding['source'],
  path: PathSegment[],
  detail: string,
): MappingFinding {
  const mappingClass = mappingRow(row).class;
  if (mappingClass === 'exact') throw new Error(`mapping row ${row} is exact: it has no finding`);
  return { row, class: mappingClass, source, path, detail };
}

/** Whether anything of the manifest set is lost on Lattice. */
export const anythingLost = (findings: readonly MappingFinding[]): boolean =>
  findings.some((f) => f.class === 'none');
