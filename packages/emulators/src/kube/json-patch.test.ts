import { describe, expect, it } from 'vitest';
import { jsonPatch } from './json-patch.ts';
import { mergePatch } from './merge-patch.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

describe('jsonPatch', () => {
  const doc = { metadata: { labels: { a: '1' } }, spec: { list: [1, 2, 3] } };

  it('applies add, replace, remove, move, copy and test in order', () => {
    const out = jsonPatch(doc, [
      { op: 'test', path: '/metadata/labels/a', value: '1' },
      { op: 'add', path: '/metadata/labels/b~1c', value: '2' },
      { op: 'replace', path: '/spec/list/0', value: 9 },
      { op: 'remove', path: '/spec/list/1' },
      { op: 'add', path: '/spec/list/-', value: 4 },
      { op: 'copy', from: '/metadata/labels/a', path: '/spec/copied' },
      { op: 'move', from: '/spec/copied', path: '/spec/moved' },
    ]);
    expect(out).toEqual({
      metadata: { labels: { a: '1', 'b/c': '2' } },
      spec: { list: [9, 3, 4], moved: '1' },
    });
    expect(doc.spec.list).toEqual([1, 2, 3]);
  });

  it('rejects the whole patch with 422 when a test fails', () => {
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/metadata/labels/a', value: '2' }])).toThrow(
      expect.objectContaining({ code: 422, message: expect.stringContaining('test operation failed') }),
    );
  });

  it('rejects removing a path that does not exist', () => {
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nothing' }])).toThrow(/does not exist/);
  });
});

describe('mergePatch', () => {
  it('merges maps, deletes on null and replaces lists', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: null, d: 3 }, l: [3] })).toEqual({
      a: { b: 1, d: 3 },
      l: [3],
    });
  });
});

describe('strategicMergePatch', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'app', image: 'a:1', env: [{ name: 'X', value: '1' }] },
        { name: 'envoy', image: 'e:1' },
      ],
      args: ['--a'],
    },
    metadata: { finalizers: ['one'] },
  };

  it('merges containers and env by name instead of replacing the lists', () => {
    const out = strategicMergePatch(pod, {
      spec: { containers: [{ name: 'app', image: 'a:2', env: [{ name: 'Y', value: '2' }] }] },
    }) as typeof pod;
    expect(out.spec.containers).toEqual([
      {
        name: 'app',
        image: 'a:2',
        env: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      },
      { name: 'envoy', image: 'e:1' },
    ]);
  });

  it('deletes a keyed item marked $patch: delete and ignores ordering directives', () => {
    const out = strategicMergePatch(pod, {
      spec: {
        $setElementOrder: [{ name: 'app' }],
        containers: [{ name: 'envoy', $patch: 'delete' }],
      },
    }) as typeof pod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['app']);
    expect(out.spec).not.toHaveProperty('$setElementOrder');
  });

  it('replaces atomic lists and unions set-like ones', () => {
    const out = strategicMergePatch(pod, {
      spec: { args: ['--b'] },
      metadata: { finalizers: ['two'] },
    }) as typeof pod;
    expect(out.spec.args).toEqual(['--b']);
    expect(out.metadata.finalizers).toEqual(['one', 'two']);
  });
});
