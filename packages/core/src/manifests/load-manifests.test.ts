import { describe, expect, it } from 'vitest';
import { loadManifests } from './load-manifests.ts';
import { overlayManifests } from './overlay-manifests.ts';

const ns = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${extra}`;

describe('loadManifests', () => {
  it('reads every document of every YAML file and ignores other files', () => {
    const { objects, diagnostics } = loadManifests([
      { path: 'a.yaml', content: `${ns('a')}---\n${ns('b')}` },
      { path: 'b.yml', content: ns('c') },
      { path: 'notes.txt', content: ns('d') },
    ]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => [o.location.file, o.location.line, o.name])).toEqual([
      ['a.yaml', 1, 'a'],
      ['a.yaml', 6, 'b'],
      ['b.yml', 1, 'c'],
    ]);
  });

  it('locates fields at their key, and a missing field at its nearest ancestor', () => {
    const [object] = loadManifests([
      { path: 'a.yaml', content: ns('a', '  labels:\n    team: x\n') },
    ]).objects;
    expect(object?.locate(['metadata', 'labels', 'team'])).toEqual({ file: 'a.yaml', line: 6, column: 5 });
    expect(object?.locate(['metadata', 'annotations', 'x'])).toEqual({ file: 'a.yaml', line: 3, column: 1 });
  });

  it('skips documents that are not Kubernetes objects with a warning, and empty documents silently', () => {
    const { objects, diagnostics } = loadManifests([
      { path: 'a.yaml', content: `---\n---\nfoo: bar\n---\n${ns('a')}` },
    ]);
    expect(objects.map((o) => o.name)).toEqual(['a']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'not-a-kubernetes-object', line: 3, column: 1 }),
    ]);
  });

  it('reports broken YAML and duplicate keys as errors with their position', () => {
    const { diagnostics } = loadManifests([
      { path: 'a.yaml', content: 'apiVersion: v1\nkind: [Namespace\n' },
      { path: 'b.yaml', content: `${ns('a')}metadata:\n  name: b\n` },
    ]);
    expect(diagnostics.map((d) => [d.file, d.code, d.line])).toEqual([
      ['a.yaml', 'yaml-syntax', 3],
      ['b.yaml', 'yaml-syntax', 5],
    ]);
    expect(diagnostics[1]?.message).toBe('invalid YAML: Map keys must be unique');
  });

  it('refuses an object without a name, naming the field', () => {
    const { objects, diagnostics } = loadManifests([
      { path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: {}\n' },
    ]);
    expect(objects).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'invalid-metadata',
        path: 'metadata.name',
        line: 3,
        object: 'Namespace//',
      }),
    ]);
  });
});

describe('overlayManifests', () => {
  it('lets a later layer replace the object with the same kind, namespace and name, in place', () => {
    const first = loadManifests([{ path: '1.yaml', content: `${ns('a')}---\n${ns('b')}` }]).objects;
    const second = loadManifests([
      { path: '2.yaml', content: `${ns('a', '  labels: { v: "2" }\n')}---\n${ns('c')}` },
    ]).objects;
    const merged = overlayManifests([first, second]);
    expect(merged.map((o) => [o.name, o.location.file])).toEqual([
      ['a', '2.yaml'],
      ['b', '1.yaml'],
      ['c', '2.yaml'],
    ]);
  });
});
