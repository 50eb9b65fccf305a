import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceLocation } from '../source-location.ts';
import type { ManifestObject } from './manifest-object.ts';
import { locateInDocument } from './yaml-locator.ts';

/** A file of the manifest tree: a path relative to the root (forward slashes) and its text. */
export interface ManifestFile {
  path: string;
  content: string;
}

export interface LoadedManifests {
  objects: ManifestObject[];
  diagnostics: Diagnostic[];
}

const MANIFEST_EXTENSION = /\.ya?ml$/i;

export const isManifestPath = (path: string): boolean => MANIFEST_EXTENSION.test(path);

/**
 * Parses every YAML document of every `*.yaml`/`*.yml` file into manifest objects that remember their source
 * positions. Pure: it takes file contents, never the file system. Broken YAML becomes an error diagnostic;
 * documents that are not Kubernetes objects (no apiVersion or kind) are skipped with a warning.
 */
export function loadManifests(files: readonly ManifestFile[]): LoadedManifests {
  const objects: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (!isManifestPath(file.path)) continue;
    loadFile(file, objects, diagnostics);
  }
  return { objects, diagnostics };
}

function loadFile(file: ManifestFile, objects: ManifestObject[], diagnostics: Diagnostic[]): void {
  const lineCounter = new LineCounter();
  // YAML 1.1 is what the Kubernetes API server's decoder speaks (`yes`/`on` are booleans there too).
  const docs = parseAllDocuments(file.content, { lineCounter, version: '1.1', prettyErrors: false });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
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
    const locate = (path: readonly (string | number)[]) =>
      locateInDocument(doc, lineCounter, file.path, path);
    const object = toManifestObject(body, start, locate, diagnostics);
    if (object) objects.push(object);
  }
}

function toManifestObject(
  body: unknown,
  location: SourceLocation,
  locate: ManifestObject['locate'],
  diagnostics: Diagnostic[],
): ManifestObject | undefined {
  if (!isRecord(body) || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') {
    diagnostics.push({
      ...problem(location, 'not-a-kubernetes-object', 'document has no apiVersion and kind; it is skipped'),
      severity: 'warning',
    });
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

function problem(at: SourceLocation, code: Diagnostic['code'], message: string): Diagnostic {
  return { severity: 'error', code, message, ...at, object: '', path: '' };
}

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
