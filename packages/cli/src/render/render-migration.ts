import { MAPPING_TABLE, type MigrationReport } from '@meshcd/core';
import { escapeHtml } from './escape-html.ts';
import { mappingTableSection, migrationSections, type ReportSection } from './migration-sections.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Sections as Markdown, headings at the given level. */
function sectionsMarkdown(sections: readonly ReportSection[], level = 2): string {
  const h = '#'.repeat(level);
  const lines: string[] = [];
  for (const s of sections) {
    lines.push(`${h} ${s.title}`, '');
    for (const t of s.text ?? []) lines.push(t, '');
    if (s.table) {
      lines.push(`| ${s.table.head.join(' | ')} |`, `| ${s.table.head.map(() => '---').join(' | ')} |`);
      for (const r of s.table.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
      lines.push('');
    }
    if (s.steps) {
      for (const [i, step] of s.steps.entries()) lines.push(`${i + 1}. ${step}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

export function renderMigrationMarkdown(report: MigrationReport): string {
  return `# Migration to VPC Lattice\n\n${sectionsMarkdown(migrationSections(report))}`;
}

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin:1rem 0}' +
  'td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}';

export function renderMigrationHtml(report: MigrationReport): string {
  const body = migrationSections(report)
    .map((s) => {
      const parts = [`<h2>${escapeHtml(s.title)}</h2>`];
      for (const t of s.text ?? []) parts.push(`<p>${escapeHtml(t)}</p>`);
      if (s.table) {
        const head = s.table.head.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
        const rows = s.table.rows.map(
          (r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
        );
        parts.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
      }
      if (s.steps) parts.push(`<ol>${s.steps.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ol>`);
      return `<section>${parts.join('\n')}</section>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Migration to VPC Lattice</title><style>${STYLE}</style></head>\n<body><h1>Migration to VPC Lattice</h1>\n${body}\n</body></html>\n`;
}

export const renderMigrationJson = (report: MigrationReport): string =>
  `${JSON.stringify(report, null, 2)}\n`;

/** `docs/lattice-mapping.md`: the mapping table as documentation, generated so it never disagrees with the code. */
export function renderMappingDoc(): string {
  return [
    '# App Mesh on VPC Lattice: field by field',
    '',
    '<!-- Generated from packages/core/src/lattice/mapping-table*.ts by `npm run docs:lattice`; do not edit by hand. -->',
    '',
    '`meshcd migrate <dir> --to lattice` and the Lattice provider read this table. **exact**: same meaning.',
    '**approximate**: carried over with the stated difference. **lost**: no Lattice equivalent; the migration',
    'report names every such field in your manifests, and `meshcd migrate` exits 2.',
    '',
    sectionsMarkdown([mappingTableSection(MAPPING_TABLE)]),
  ].join('\n');
}
