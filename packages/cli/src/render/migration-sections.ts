import type { MAPPING_TABLE, MigrationReport } from '@meshcd/core';

/** A report section in a format-neutral shape, so Markdown and HTML say exactly the same things. */
export interface ReportSection {
  title: string;
  text?: string[];
  table?: { head: string[]; rows: string[][] };
  steps?: string[];
}

const where = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;
const CLASS_WORD = { exact: 'exact', approximate: 'approximate', none: 'lost' } as const;

export function outcomeLine(report: MigrationReport): string {
  const s = report.summary;
  if (report.outcome === 'maps')
    return `Everything maps to VPC Lattice (${s.approximate} field${s.approximate === 1 ? '' : 's'} approximately).`;
  const parts = [
    s.lost ? `${s.lost} field${s.lost === 1 ? '' : 's'} lost` : '',
    s.quotasExceeded ? `${s.quotasExceeded} quota${s.quotasExceeded === 1 ? '' : 's'} exceeded` : '',
    s.approximate ? `${s.approximate} approximate` : '',
  ].filter(Boolean);
  return `Something does not carry over to VPC Lattice: ${parts.join(', ')}.`;
}

/** The report's sections, in reading order. */
export function migrationSections(report: MigrationReport): ReportSection[] {
  const s = report.summary;
  const lost = report.findings.filter((f) => f.class === 'none');
  const approximate = report.findings.filter((f) => f.class === 'approximate');
  const findingRows = (fs: typeof report.findings) =>
    fs.map((f) => [where(f), f.object, f.field, f.detail, f.reason, f.instead]);
  const findingHead = ['Where', 'Object', 'Field', 'Here', 'Why', 'Do instead'];
  return [
    {
      title: 'Summary',
      text: [
        outcomeLine(report),
        ...(s.unresolvedNamespaces.length
          ? [
              `Not reported: the App Mesh objects of namespaces ${s.unresolvedNamespaces.join(', ')}, whose labels (and so their mesh) are not in the manifests.`,
            ]
          : []),
        `${s.objects} App Mesh objects and routes become:`,
      ],
      table: {
        head: ['Lattice resource', 'Count'],
        rows: Object.entries(s.resources).map(([k, n]) => [k, String(n)]),
      },
    },
    {
      title: 'What each object becomes',
      table: {
        head: ['Object', 'Where', 'Becomes', 'Approximate', 'Lost'],
        rows: report.objects.map((o) => [
          o.object,
          where(o),
          o.becomes.length ? o.becomes.map((b) => `${b.kind} ${b.name}`).join(', ') : '— (nothing)',
          String(o.approximate),
          String(o.lost),
        ]),
      },
    },
    lost.length
      ? { title: 'Lost: no Lattice equivalent', table: { head: findingHead, rows: findingRows(lost) } }
      : { title: 'Lost: no Lattice equivalent', text: ['Nothing is lost.'] },
    approximate.length
      ? { title: 'Approximate', table: { head: findingHead, rows: findingRows(approximate) } }
      : { title: 'Approximate', text: ['Nothing maps only approximately.'] },
    {
      title: 'Client names that change',
      text: [
        'Lattice gives each service its own DNS name: clients must call it, or DNS must map the old name to it.',
      ],
      table: {
        head: ['Clients called', 'Lattice service', 'Call instead', 'Where'],
        rows: report.clientNames.map((c) => [c.from, c.service, c.to, where(c)]),
      },
    },
    {
      title: 'Quota fit',
      text: ['Default quotas (Service Quotas, service vpc-lattice); Region-wide counts cover this set only.'],
      table: {
        head: ['Quota', 'Code', 'Used', 'Limit', 'Fits', 'Fullest'],
        rows: report.quotas.map((q) => [
          q.title,
          q.code,
          q.used === undefined ? 'follows the pods' : String(q.used),
          String(q.limit),
          q.fits ? 'yes' : 'no: request an increase',
          q.subject ?? '',
        ]),
      },
    },
    { title: 'Cut-over order', steps: report.cutover },
  ];
}

/** The mapping table as a section: the documentation renders it, and so can a report. */
export function mappingTableSection(rows: typeof MAPPING_TABLE): ReportSection {
  return {
    title: 'App Mesh fields on VPC Lattice',
    table: {
      head: ['Kind', 'Field', 'Lattice', 'Class', 'Why', 'Do instead'],
      rows: rows.map((r) => [r.kind, r.field, r.lattice, CLASS_WORD[r.class], r.reason, r.instead ?? '']),
    },
  };
}
