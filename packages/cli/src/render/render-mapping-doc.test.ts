import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAPPING_TABLE } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { renderMappingDoc } from './render-migration.ts';

describe('the App Mesh → Lattice mapping table', () => {
  it('is what docs/lattice-mapping.md shows (regenerate with npm run docs:lattice)', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../../../docs/lattice-mapping.md', import.meta.url)),
      'utf8',
    );
    expect(doc).toBe(renderMappingDoc());
    for (const row of MAPPING_TABLE) expect(doc).toContain(row.reason.replace(/\|/g, '\\|'));
  });
});
