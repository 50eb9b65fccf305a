import { describe, expect, it } from 'vitest';
import { MAPPING_TABLE } from './mapping-table.ts';

describe('the App Mesh → Lattice mapping table', () => {
  it('says what to do instead for every field that is approximate or lost, and why for every field', () => {
    for (const row of MAPPING_TABLE) {
      expect(row.reason.length, row.id).toBeGreaterThan(5);
      if (row.class !== 'exact') expect(row.instead?.length ?? 0, row.id).toBeGreaterThan(3);
    }
  });
});
