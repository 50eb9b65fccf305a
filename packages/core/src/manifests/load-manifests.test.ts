import { describe, expect, it } from 'vitest';
import { decodeManifestFile } from './decode-manifest.ts';
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

  it('refuses documents that are not Kubernetes objects, and skips empty documents silently', () => {
    const { objects, diagnostics, unloaded } = loadManifests([
      { path: 'a.yaml', content: `---\n---\nfoo: bar\n---\n${ns('a')}` },
      { path: 'b.yaml', content: '- just\n- a list\n' },
    ]);
    expect(objects.map((o) => o.name)).toEqual(['a']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'not-a-kubernetes-object', line: 3, column: 1 }),
      expect.objectContaining({ severity: 'error', code: 'not-a-kubernetes-object', file: 'b.yaml' }),
    ]);
    expect(unloaded).toEqual(['a.yaml', 'b.yaml']);
  });

  it('names a misspelt apiVersion or kind key where it is', () => {
    const { objects, diagnostics } = loadManifests([
      { path: 'a.yaml', content: 'apiversion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
      { path: 'b.yaml', content: 'apiVersion: v1\nmetadata:\n  name: b\nKind: Namespace\n' },
      { path: 'c.yaml', content: 'apiVerison: v1\nkind: Namespace\nmetadata:\n  name: c\n' },
    ]);
    expect(objects).toEqual([]);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.message])).toEqual([
      ['a.yaml', 1, 1, 'error', 'document has no apiVersion; is "apiversion" a misspelling of it?'],
      ['b.yaml', 4, 1, 'error', 'document has no kind; is "Kind" a misspelling of it?'],
      ['c.yaml', 1, 1, 'error', 'document has no apiVersion; is "apiVerison" a misspelling of it?'],
    ]);
  });

  it('skips files that are recognisably something else with a warning naming what they are', () => {
    const { objects, diagnostics, unloaded } = loadManifests([
      {
        path: 'base/kustomization.yaml',
        content: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
      },
      { path: 'base/a.yaml', content: ns('a') },
    ]);
    expect(objects.map((o) => o.name)).toEqual(['a']);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'not-a-manifest',
        file: 'base/kustomization.yaml',
        message: expect.stringContaining('is a kustomize file'),
      }),
    ]);
    expect(unloaded).toEqual(['base/kustomization.yaml']);
  });

  it('refuses names and namespaces the API server would reject, at the field', () => {
    const { objects, diagnostics } = loadManifests([
      { path: 'a.yaml', content: ns('rød') },
      {
        path: 'b.yaml',
        content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Settings\n  namespace: shop\n',
      },
      {
        path: 'c.yaml',
        content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok.v1\n  namespace: a.b\n',
      },
      { path: 'd.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1api\n' },
      {
        path: 'e.yaml',
        content: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:x\n',
      },
    ]);
    expect(objects.map((o) => o.name)).toEqual(['system:x']);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.path, d.code])).toEqual([
      ['a.yaml', 4, 3, 'metadata.name', 'invalid-metadata'],
      ['b.yaml', 4, 3, 'metadata.name', 'invalid-metadata'],
      ['c.yaml', 5, 3, 'metadata.namespace', 'invalid-metadata'],
      ['d.yaml', 4, 3, 'metadata.name', 'invalid-metadata'],
    ]);
    expect(diagnostics[0]?.message).toContain('"rød" must be a DNS label');
  });

  it('reports a file its reader could not decode at the offending position', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ab'),
      0xff,
      0x0a,
    ]);
    const { objects, diagnostics } = loadManifests([decodeManifestFile('a.yaml', bytes)]);
    expect(objects).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'unreadable-file',
        file: 'a.yaml',
        line: 4,
        column: 11,
        message: 'the file is not valid UTF-8 (byte 0xff)',
      }),
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
