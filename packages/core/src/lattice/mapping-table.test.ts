import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMappingDoc } from '../migration/render-migration.ts';
import { MAPPING_TABLE } from './mapping-table.ts';

describe('the App Mesh → Lattice mapping table', () => {
  it('says what to do instead for every field that is approximate or lost, and why for every field', () => {
    for (const row of MAPPING_TABLE) {
      expect(row.reason.length, row.id).toBeGreaterThan(5);
      if (row.class !== 'exact') expect(row.instead?.length ?? 0, row.id).toBeGreaterThan(3);
    }
  });

  it('is what docs/lattice-mapping.md shows (regenerate with npm run docs:lattice)', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../../../docs/lattice-mapping.md', import.meta.url)),
      'utf8',
    );
    expect(doc).toBe(renderMappingDoc());
    for (const row of MAPPING_TABLE) expect(doc).toContain(row.reason.replace(/\|/g, '\\|'));
  });
});
