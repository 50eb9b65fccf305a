import { load } from 'js-yaml';
import { type Document, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import type { SourceLocation } from '../source-location.ts';
import { kubeYamlSchema } from './kube-yaml-schema.ts';
import type { ManifestObject, PathSegment } from './manifest-object.ts';
import { nameProblem, namespaceProblem } from './object-name.ts';
import { otherYamlFile } from './other-yaml-files.ts';
import { closestName } from './schema-shape.ts';
import { type DocumentSlice, splitYamlDocuments } from './split-yaml-documents.ts';
import { locateInDocument } from './yaml-locator.ts';

/** A file of the manifest tree: a path relative to the root (forward slashes) and its text. */
export interface ManifestFile {
  path: string;
  content: string;
  /** Why the reader could not give the file's text (not UTF-8, a link out of the tree): an error there. */
  problem?: { line: number; column: number; message: string };
}

export interface LoadedManifests {
  objects: ManifestObject[];
  diagnostics: Diagnostic[];
  /**
   * Files of the tree with a document that did not load (an error, or a file skipped as something other than
   * manifests): what meshcd applied from them must not be pruned as if they had been deleted.
   */
  unloaded: string[];
}

/** YAML, and JSON (which YAML 1.2 reads as it is), as `kubectl apply -f <dir>` reads them. */
const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

export const isManifestPath = (path: string): boolean => MANIFEST_EXTENSION.test(path);

/**
 * Parses every YAML document of every `*.yaml`/`*.yml`/`*.json` file into manifest objects that remember their source
 * positions. Pure: it takes file contents, never the file system. Broken YAML, a document that is not a
 * Kubernetes object (no apiVersion or kind, often a misspelt key) and a name the API server would reject are
 * errors: skipping them would read as "delete what they held". Files named as something else
 * (`kustomization.yaml`) are skipped with a warning that says so.
 */
export function loadManifests(files: readonly ManifestFile[]): LoadedManifests {
  const objects: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const unloaded: string[] = [];
  for (const file of files) {
    if (!isManifestPath(file.path) && !file.problem) continue;
    const before = diagnostics.length;
    const other = otherYamlFile(file.path) ?? otherJsonFile(file);
    if (file.problem) {
      const { line, column, message } = file.problem;
      diagnostics.push(problem({ file: file.path, line, column }, 'unreadable-file', message));
    } else if (other) {
      diagnostics.push({
        ...problem(
          { file: file.path, line: 1, column: 1 },
          'not-a-manifest',
          `${file.path} is ${other}; it is skipped`,
        ),
        severity: 'warning',
      });
    } else {
      loadFile(file, objects, diagnostics);
    }
    // Every document that did not become an object left a diagnostic behind (empty documents aside).
    if (other || diagnostics.slice(before).some(isError)) unloaded.push(file.path);
  }
  return { objects, diagnostics, unloaded };
}

/**
 * A JSON file with no Kubernetes object in it (a tool's settings, data, a state file) is skipped with a
 * warning, as kubectl users keep such files beside their manifests; JSON that is not even JSON, and an object
 * with `kind` or `apiVersion`, load as manifests and are checked like YAML ones.
 */
function otherJsonFile(file: ManifestFile): string | undefined {
  if (!/\.json$/i.test(file.path)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(file.content);
  } catch {
    return undefined;
  }
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined;
  return object && ('kind' in object || 'apiVersion' in object)
    ? undefined
    : 'JSON but not a Kubernetes object';
}

function loadFile(file: ManifestFile, objects: ManifestObject[], diagnostics: Diagnostic[]): void {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = file.content.indexOf('\n'); i >= 0; i = file.content.indexOf('\n', i + 1)) {
    lineCounter.addNewLine(i + 1);
  }
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
  const bodies = readQuickly(file.content);
  if (bodies) {
    for (const { body, slice } of bodies) {
      let parsed: Document | undefined;
      // Positions are needed only for the few fields a diagnostic names: the document is parsed again,
      // with positions, the first time one is asked for.
      const locate = (path: readonly PathSegment[]) => {
        parsed ??= parseDocument(file.content.slice(slice.start, slice.end), YAML_OPTIONS);
        return locateInDocument(parsed, (offset) => at(slice.start + offset), path);
      };
      const object = toManifestObject(body, at(contentStart(file.content, slice)), locate, diagnostics);
      if (object) objects.push(object);
    }
    return;
  }
  const docs = parseAllDocuments(file.content, YAML_OPTIONS);
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        diagnostics.push(
          problem(at(error.pos[0]), 'yaml-syntax', `invalid YAML: ${firstLine(error.message)}`),
        );
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document between `---` separators
    let body: unknown;
    try {
      body = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      diagnostics.push(problem(at(doc.range[0]), 'yaml-syntax', `invalid YAML: ${String(error)}`));
      continue;
    }
    if (body === null || body === undefined) continue; // only comments, or an explicit null
    const start = at(doc.contents.range?.[0] ?? doc.range[0]);
    const locate = (path: readonly PathSegment[]) => locateInDocument(doc, at, path);
    const object = toManifestObject(body, start, locate, diagnostics);
    if (object) objects.push(object);
  }
}

// YAML 1.1 is what the Kubernetes API server's decoder speaks (`yes`/`on` are booleans there too).
const YAML_OPTIONS = { version: '1.1', prettyErrors: false } as const;

// Anchors (and so aliases) are left to the `yaml` library, which bounds how far aliases may expand.
const anchor = /(?:^|[\s[{,])&[^\s,[\]{}]/;

/**
 * Every non-empty document of the file, read by js-yaml, several times faster than the `yaml` library
 * building its document model with positions. Undefined when any document needs that library: a syntax
 * error (whose message and position it reports), anchors, directives, or a tag js-yaml does not know.
 */
function readQuickly(content: string): { body: unknown; slice: DocumentSlice }[] | undefined {
  const slices = splitYamlDocuments(content);
  if (!slices) return undefined;
  const bodies: { body: unknown; slice: DocumentSlice }[] = [];
  for (const slice of slices) {
    const text = content.slice(slice.start, slice.end);
    if (anchor.test(text)) return undefined;
    let body: unknown;
    try {
      body = load(text, { schema: kubeYamlSchema });
    } catch {
      return undefined;
    }
    if (body !== null && body !== undefined) bodies.push({ body, slice });
  }
  return bodies;
}

/** Where a document's content starts: after its `---` marker, blank lines and comments. */
function contentStart(content: string, slice: DocumentSlice): number {
  let i = content.startsWith('---', slice.start) ? slice.start + 3 : slice.start;
  while (i < slice.end) {
    const c = content[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') i++;
    else if (c === '#') {
      const eol = content.indexOf('\n', i);
      i = eol < 0 ? slice.end : eol + 1;
    } else break;
  }
  return i;
}

function toManifestObject(
  body: unknown,
  location: SourceLocation,
  locate: ManifestObject['locate'],
  diagnostics: Diagnostic[],
): ManifestObject | undefined {
  if (!isRecord(body) || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') {
    const { message, path } = notAnObject(body);
    diagnostics.push({ ...problem(path ? locate(path) : location, 'not-a-kubernetes-object', message) });
    return undefined;
  }
  const { apiVersion, kind } = body;
  const metadata = body.metadata;
  const name = isRecord(metadata) ? metadata.name : undefined;
  const namespace = isRecord(metadata) ? metadata.namespace : undefined;
  const label = `${kind}//${typeof name === 'string' ? name : ''}`;
  if (typeof name !== 'string' || name === '') {
    const path = isRecord(metadata) ? ['metadata', 'name'] : ['metadata'];
    diagnostics.push({
      ...problem(
        locate(path),
        'invalid-metadata',
        'metadata.name is required and must be a non-empty string',
      ),
      object: label,
      path: path.join('.'),
    });
    return undefined;
  }
  const badName = nameProblem(kind, name);
  if (badName) {
    diagnostics.push({
      ...problem(locate(['metadata', 'name']), 'invalid-metadata', badName),
      object: label,
      path: 'metadata.name',
    });
    return undefined;
  }
  const badNamespace =
    typeof namespace === 'string' && namespace !== '' ? namespaceProblem(namespace) : undefined;
  if (badNamespace) {
    diagnostics.push({
      ...problem(locate(['metadata', 'namespace']), 'invalid-metadata', badNamespace),
      object: label,
      path: 'metadata.namespace',
    });
    return undefined;
  }
  if (namespace !== undefined && namespace !== null && (typeof namespace !== 'string' || namespace === '')) {
    diagnostics.push({
      ...problem(
        locate(['metadata', 'namespace']),
        'invalid-metadata',
        'metadata.namespace must be a string',
      ),
      object: label,
      path: 'metadata.namespace',
    });
    return undefined;
  }
  return {
    apiVersion,
    kind,
    name,
    namespace: typeof namespace === 'string' ? namespace : undefined,
    body,
    location,
    locate,
  };
}

/** Why a document is not a Kubernetes object, pointing at a misspelt apiVersion or kind key when there is one. */
function notAnObject(body: unknown): { message: string; path?: string[] } {
  if (!isRecord(body)) {
    const what = Array.isArray(body) ? 'a list' : `a ${typeof body}`;
    return { message: `document is ${what}, not a Kubernetes object (a map with apiVersion and kind)` };
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string')
      return { message: `${field} must be a string`, path: [field] };
    if (body[field] !== undefined) continue;
    const near = Object.keys(body).find((key) => closestName(key, [field]) !== undefined);
    if (near) return { message: `document has no ${field}; is "${near}" a misspelling of it?`, path: [near] };
    return { message: `document has no ${field}, so it is not a Kubernetes object` };
  }
  return { message: 'document is not a Kubernetes object' };
}

function problem(at: SourceLocation, code: Diagnostic['code'], message: string): Diagnostic {
  return { severity: 'error', code, message, ...at, object: '', path: '' };
}

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
