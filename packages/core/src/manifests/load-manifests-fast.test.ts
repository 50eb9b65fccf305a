import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { corpusScenarios, hasShared } from '../../../../test/corpus/corpus.ts';
import type { SourceLocation } from '../source-location.ts';
import { loadManifests, type ManifestFile } from './load-manifests.ts';
import type { PathSegment } from './manifest-object.ts';
import { locateInDocument } from './yaml-locator.ts';

/**
 * What the `yaml` library makes of a file on its own (YAML 1.1, the document model with positions):
 * each Kubernetes object's body, where it starts, and where any field path is. The loader reads documents
 * with js-yaml and positions only on demand; it must agree with this on every value and every position.
 */
function reference(file: ManifestFile) {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
  return parseAllDocuments(file.content, { lineCounter, version: '1.1' }).flatMap((doc) => {
    const body = doc.toJS() as Record<string, unknown> | null;
    if (!body || typeof body.kind !== 'string') return [];
    return [
      {
        body,
        location: at(doc.contents!.range![0]),
        locate: (path: readonly PathSegment[]) => locateInDocument(doc, at, path),
      },
    ];
  });
}

/** Every field path of a value, to the leaves, plus one that does not exist under each map. */
function paths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return [
      prefix,
      [...prefix, 'absent'],
      ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])),
    ];
  }
  return [prefix];
}

function expectSameAsReference(files: ManifestFile[]) {
  const loaded = loadManifests(files).objects;
  const expected = files.flatMap(reference);
  expect(loaded.map((o) => ({ body: o.body, location: o.location }))).toEqual(
    expected.map((e) => ({ body: e.body, location: e.location })),
  );
  loaded.forEach((o, i) => {
    for (const path of paths(o.body))
      expect(o.locate(path), path.join('.')).toEqual(expected[i]!.locate(path));
  });
  return loaded;
}

const YAML_11 = `# leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: scalars
data:
  plain: hello
  quoted: "on"
block: |
  keep
  --- not a marker inside, indented
folded: >-
  one
  two
flags: [yes, No, on, OFF, y, n, True, false]
numbers: [0644, 0x1F, 0b101, 1_000, 190:20:30, 1.5, .5, 1e3, .inf, -.Inf, .NaN, 007, 08, 3., -1_0]
nulls: [~, null, Null, ]
when: 2001-12-14t21:59:43.10-05:00
day: 2026-01-31
empty:
nested:
  - name: a
    ports: [{ port: 80 }, { port: 443 }]
  -   name: b
---
--- # an empty document, then one whose content follows its marker
apiVersion: v1
kind: Namespace
metadata: { name: inline, labels: { mesh: "yes" } }
---

# comments before the content
apiVersion: v1
kind: Secret
metadata:
  name: windows\r
stringData:\r
  key: value\r
`;

describe('loading YAML quickly agrees with the yaml library', () => {
  it('on YAML 1.1 scalars, block scalars, flow collections, comments, empty documents and CRLF', () => {
    const [configMap, namespace, secret] = expectSameAsReference([{ path: 'm.yaml', content: YAML_11 }]);
    // The YAML 1.1 readings the Kubernetes decoder has, not YAML 1.2's.
    expect(configMap?.body.flags).toEqual([true, false, true, false, true, false, true, false]);
    expect((configMap!.body.numbers as number[]).slice(0, 5)).toEqual([420, 31, 5, 1000, 685230]);
    expect(configMap?.body.when).toBeInstanceOf(Date);
    expect(namespace?.location).toEqual({ file: 'm.yaml', line: 27, column: 1 });
    expect(secret?.name).toBe('windows');
  });

  it('on a byte-order mark and a first document without a marker', () => {
    expectSameAsReference([
      { path: 'a.yaml', content: '\uFEFFapiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
      { path: 'b.yml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n---\n' },
    ]);
  });

  it('on anchors, merge keys and tags, which fall back to the yaml library', () => {
    expectSameAsReference([
      {
        path: 'a.yaml',
        content:
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nbase: &b { x: 1 }\ndata:\n  <<: *b\n  y: !!str 2\n',
      },
      {
        path: 'b.yaml',
        content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  z: !!binary aGk=\n',
      },
    ]);
  });

  it('on every manifest file of the shared corpus', () => {
    expect(hasShared()).toBe(true);
    const files = new Map<string, ManifestFile>();
    for (const s of corpusScenarios())
      for (const r of s.revisions) for (const f of r.files) files.set(f.path, f);
    expect(files.size).toBeGreaterThan(20);
    expectSameAsReference([...files.values()]);
  });
});
