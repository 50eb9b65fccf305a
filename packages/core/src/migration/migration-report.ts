import type { DesiredState } from '../desired/desired-state.ts';
import { formatPath } from '../diagnostics/diagnostic.ts';
import type { LatticeOptions } from '../lattice/lattice-options.ts';
import { type LatticeQuotaFit, latticeQuotaFit } from '../lattice/lattice-quota-fit.ts';
import type { LatticeQuotaLimits } from '../lattice/lattice-quotas.ts';
import type { DesiredLatticeResource, LatticeDesiredState } from '../lattice/lattice-resource.ts';
import type { MappingClass } from '../lattice/mapping-row.ts';
import { type MappingRowId, mappingRow } from '../lattice/mapping-table.ts';
import { translateToLattice } from '../lattice/translate-to-lattice.ts';
import type { ClientNameChange } from '../lattice/translate-virtual-service.ts';
import type { SourceLocation } from '../source-location.ts';
import { cutoverSteps } from './cutover-steps.ts';

interface MigrationFinding extends SourceLocation {
  row: MappingRowId;
  class: Exclude<MappingClass, 'exact'>;
  /** `Kind/namespace/name` (a route: `…#<route>` is in `objects`; here the router). */
  object: string;
  /** The field, `spec.routes[0].httpRoute.retryPolicy`. */
  field: string;
  detail: string;
  /** From the mapping table. */
  lattice: string;
  reason: string;
  instead: string;
}

interface MigrationObject extends SourceLocation {
  object: string;
  becomes: { kind: DesiredLatticeResource['kind']; name: string }[];
  approximate: number;
  lost: number;
}

interface MigrationClientName extends SourceLocation {
  from: string;
  service: string;
  to: string;
}

/** `maps`: everything carries over (approximations included); `lossy`: something is lost or does not fit. */
type MigrationOutcome = 'maps' | 'lossy';

/** The migration report of one manifest set to VPC Lattice: the model every format renders. */
export interface MigrationReport {
  to: 'lattice';
  outcome: MigrationOutcome;
  summary: {
    objects: number;
    resources: Partial<Record<DesiredLatticeResource['kind'], number>>;
    approximate: number;
    lost: number;
    quotasExceeded: number;
    /** Namespaces whose labels the set does not hold: their App Mesh objects are not in this report. */
    unresolvedNamespaces: string[];
  };
  objects: MigrationObject[];
  findings: MigrationFinding[];
  clientNames: MigrationClientName[];
  quotas: LatticeQuotaFit[];
  cutover: string[];
  /** The translated resources, for `--format json` consumers. */
  desired: LatticeDesiredState;
}

interface MigrationInput {
  targetId: string;
  options: LatticeOptions;
  region?: string;
  quotaLimits?: Partial<LatticeQuotaLimits>;
  /** Where a field is in its object, when the manifests are at hand; the object's own position otherwise. */
  locate?: (object: string, path: readonly (string | number)[]) => SourceLocation | undefined;
}

const at = (l: SourceLocation): SourceLocation => ({ file: l.file, line: l.line, column: l.column });
const clientName = (c: ClientNameChange): MigrationClientName => ({
  ...at(c.source.location),
  from: c.from,
  service: c.service,
  to: c.customDomain ?? c.generated,
});

/** Translates a resolved manifest set and says what each object becomes, what is lost and how to cut over. */
export function buildMigrationReport(desired: DesiredState, input: MigrationInput): MigrationReport {
  const translation = translateToLattice(desired, {
    targetId: input.targetId,
    options: input.options,
    region: input.region || undefined,
  });
  const label = (ref: { kind: string; namespace?: string; name: string }) =>
    `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
  const findings: MigrationFinding[] = translation.findings.map((f) => {
    const row = mappingRow(f.row);
    const object = label(f.source.ref);
    return {
      ...at(input.locate?.(object, f.path) ?? f.source.location),
      row: f.row,
      class: f.class,
      object,
      field: f.path.length ? formatPath(f.path) : '(object)',
      detail: f.detail,
      lattice: row.lattice,
      reason: row.reason,
      instead: row.instead ?? '',
    };
  });
  const objects: MigrationObject[] = translation.objects.map((o) => {
    const mine = translation.findings.filter((f) => f.source === o.source);
    return {
      ...at(o.source.location),
      object: o.label,
      becomes: o.becomes.map(({ kind, name }) => ({ kind, name })),
      approximate: mine.filter((f) => f.class === 'approximate').length,
      lost: mine.filter((f) => f.class === 'none').length,
    };
  });
  const quotas = latticeQuotaFit(translation.desired.resources, input.quotaLimits);
  const resources: MigrationReport['summary']['resources'] = {};
  for (const r of translation.desired.resources) resources[r.kind] = (resources[r.kind] ?? 0) + 1;
  const lost = findings.filter((f) => f.class === 'none').length;
  const quotasExceeded = quotas.filter((q) => !q.fits).length;
  return {
    to: 'lattice',
    outcome: lost || quotasExceeded ? 'lossy' : 'maps',
    summary: {
      objects: objects.length,
      resources,
      approximate: findings.length - lost,
      lost,
      quotasExceeded,
      unresolvedNamespaces: desired.unresolvedNamespaces,
    },
    objects,
    findings,
    clientNames: translation.clientNames.map(clientName),
    quotas,
    cutover: cutoverSteps(translation, input.options),
    desired: translation.desired,
  };
}
