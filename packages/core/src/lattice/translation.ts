import type { DesiredRoute } from '../desired/desired-state.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';
import type { DesiredLatticeResource, LatticeOwnershipTags } from './lattice-resource.ts';
import { type MappingFinding, mappingFinding } from './mapping-finding.ts';
import type { MappingRowId } from './mapping-table.ts';

export type Source = { ref: ObjectRef; location: SourceLocation };

/** What one App Mesh object (or route) becomes on Lattice. */
export interface ObjectMapping {
  source: Source;
  /** `Kind/namespace/name`, with `#<route>` for a route of a router. */
  label: string;
  becomes: { kind: DesiredLatticeResource['kind']; name: string; key: string }[];
}

/** A field note before it is tied to its object: the translator's helpers return these. */
export interface FieldNote {
  row: MappingRowId;
  path: PathSegment[];
  detail: string;
}

export const sourceLabel = (ref: ObjectRef): string => `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;

/** A route is listed under its router: `Kind/namespace/router#route`. */
export const routeLabel = (route: DesiredRoute): string => `${sourceLabel(route.source.ref)}#${route.name}`;

/**
 * The translation being built: resources by key (a target group reached twice is one group), the findings,
 * and what each object became. Later additions under a known key are ignored, so callers need not check.
 */
export class Translation {
  readonly resources = new Map<string, DesiredLatticeResource>();
  readonly findings: MappingFinding[] = [];
  private readonly objects = new Map<string, ObjectMapping>();
  private readonly seenFindings = new Set<string>();

  constructor(private readonly targetId: string) {}

  tags(source: Source): LatticeOwnershipTags {
    return { 'meshcd:target': this.targetId, 'meshcd:source': sourceLabel(source.ref) };
  }

  add(resource: DesiredLatticeResource, from: Source, label = sourceLabel(from.ref)): void {
    if (!this.resources.has(resource.key)) this.resources.set(resource.key, resource);
    this.becomes(from, label, resource);
  }

  /** Records that an object maps to a resource without adding it (a route's rule in a second service). */
  becomes(
    from: Source,
    label: string,
    resource?: Pick<DesiredLatticeResource, 'kind' | 'name' | 'key'>,
  ): void {
    let mapping = this.objects.get(label);
    if (!mapping) {
      mapping = { source: from, label, becomes: [] };
      this.objects.set(label, mapping);
    }
    if (resource && !mapping.becomes.some((b) => b.key === resource.key))
      mapping.becomes.push({ kind: resource.kind, name: resource.name, key: resource.key });
  }

  note(from: Source, note: FieldNote): void {
    const id = `${sourceLabel(from.ref)}|${note.row}|${note.path.join('.')}|${note.detail}`;
    if (this.seenFindings.has(id)) return;
    this.seenFindings.add(id);
    this.findings.push(mappingFinding(note.row, from, note.path, note.detail));
  }

  objectMappings(): ObjectMapping[] {
    return [...this.objects.values()];
  }
}
