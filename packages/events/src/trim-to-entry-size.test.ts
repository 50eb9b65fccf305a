import { describe, expect, it } from 'vitest';
import { putEventsEntrySize, trimToEntrySize } from './trim-to-entry-size.ts';

const entry = { source: 'meshcd.git', detailType: 'Git Push' };

describe('trimToEntrySize', () => {
  it('leaves a detail that fits untouched', () => {
    const detail = { revision: 'abc', changedPaths: ['a.yaml'] };
    const result = trimToEntrySize(detail, entry);
    expect(result).toEqual({
      detail,
      trimmed: [],
      bytes: putEventsEntrySize({ ...entry, detail: JSON.stringify(detail) }),
    });
  });

  it('drops the commit list first and says so', () => {
    const detail = {
      revision: 'abc',
      changedPaths: ['a.yaml'],
      commits: Array.from({ length: 3000 }, (_, i) => ({
        id: `${i}`.padStart(40, '0'),
        message: 'x'.repeat(80),
      })),
    };
    const result = trimToEntrySize(detail, entry);
    expect(result.trimmed).toEqual(['commits']);
    expect(result.detail).toEqual({ revision: 'abc', changedPaths: ['a.yaml'], trimmed: ['commits'] });
    expect(result.bytes).toBeLessThanOrEqual(256 * 1024);
  });

  it('drops changed paths next when they alone are too many', () => {
    const detail = {
      revision: 'abc',
      changedPaths: Array.from({ length: 5000 }, (_, i) => `mesh/dir/file-${i}.yaml`),
    };
    const result = trimToEntrySize(detail, { ...entry, maxBytes: 10_000 });
    expect(result.detail).toEqual({ revision: 'abc', trimmed: ['changedPaths'] });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(putEventsEntrySize({ source: 'é', detailType: '', detail: '€' })).toBe(14 + 2 + 3);
  });

  it('refuses a detail still too large after trimming, naming size and limit', () => {
    const detail = { revision: 'x'.repeat(2_000) };
    expect(() => trimToEntrySize(detail, { ...entry, maxBytes: 1_000 })).toThrow(
      expect.objectContaining({
        reason: 'too-large',
        message: expect.stringMatching(/2\d{3} bytes, over the 1000-byte/),
      }),
    );
  });
});
