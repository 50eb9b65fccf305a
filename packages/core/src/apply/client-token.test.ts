import { describe, expect, it } from 'vitest';
import { clientToken } from './client-token.ts';

const parts = {
  targetId: 't',
  runId: 'run-1',
  operation: 'create',
  key: 'appmesh:m/VirtualNode/a',
  specHash: 'h',
  revision: 'r',
};

describe('clientToken', () => {
  it('is the same for every retry of one write within a run', () => {
    expect(clientToken(parts)).toBe(clientToken({ ...parts }));
  });

  it('fits the API limit of 36 characters', () => {
    expect(clientToken(parts)).toMatch(/^[0-9a-f]{36}$/);
  });

  it('differs for the same change in a later run, so a re-create at the same revision is not a replay', () => {
    expect(clientToken({ ...parts, runId: 'run-2' })).not.toBe(clientToken(parts));
  });

  it('differs by operation, key, spec, revision and target', () => {
    const base = clientToken(parts);
    for (const change of [
      { operation: 'update' },
      { key: 'appmesh:m/VirtualNode/b' },
      { specHash: 'h2' },
      { revision: 'r2' },
      { targetId: 't2' },
    ])
      expect(clientToken({ ...parts, ...change })).not.toBe(base);
  });
});
