import { describe, expect, it } from 'vitest';
import { cm, emulatorFixture, type Loose } from './emulator-fixture.ts';

const { start } = emulatorFixture();

describe('server-side tables', () => {
  it('answers kubectl-style Table requests with per-kind columns', async () => {
    const { emulator, call } = await start();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { x: '1', y: '2' }));
    const response = await fetch(`${emulator.endpoint}/api/v1/namespaces/default/configmaps`, {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = (await response.json()) as Loose;
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: Loose) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows[0].cells.slice(0, 2)).toEqual(['a', 2]);
    expect(table.rows[0].object.metadata.name).toBe('a');
  });
});
