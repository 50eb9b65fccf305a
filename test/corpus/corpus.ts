/**
 * The shared corpus (../shared/corpus, 55 real manifest files) as scenarios of revisions. Engine, cluster and
 * manifest tests all walk it through this helper. Without ../shared the tests fail instead of skipping: a
 * silently skipped corpus would prove nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'shared');
export const corpusDir = join(sharedDir, 'corpus');

export interface CorpusFile {
  /** `<folder>/<file>`, relative to the corpus root. */
  path: string;
  content: string;
}

export interface CorpusRevision {
  /** 0-based position in the scenario. */
  index: number;
  /** The files of the revision, in overlay order: a later file's object replaces an earlier one's. */
  files: CorpusFile[];
}

export interface CorpusScenario {
  folder: string;
  scenario: string;
  revisions: CorpusRevision[];
}

/** Revisions whose App Mesh objects live in a namespace the corpus never defines (applied with `kubectl -n`). */
export const LIVE_LABELS: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity/all/0': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

type CorpusIndex = Record<string, { source: string; scenarios: Record<string, string[][]> }>;

/** True when ../shared is present; when it is not, throws so the suite fails loudly instead of skipping. */
export function hasShared(): boolean {
  if (existsSync(join(corpusDir, 'index.json'))) return true;
  throw new Error(`the shared reference folder is missing: ${sharedDir} (clone the repository beside it)`);
}

export function corpusScenarios(): CorpusScenario[] {
  const index = JSON.parse(readFileSync(join(corpusDir, 'index.json'), 'utf8')) as CorpusIndex;
  const cache = new Map<string, string>();
  const read = (path: string) => {
    const content = cache.get(path) ?? readFileSync(join(corpusDir, path), 'utf8');
    cache.set(path, content);
    return content;
  };
  return Object.entries(index).flatMap(([folder, entry]) =>
    Object.entries(entry.scenarios).map(([scenario, revisions]) => ({
      folder,
      scenario,
      revisions: revisions.map((files, i) => ({
        index: i,
        files: files.map((f) => ({ path: `${folder}/${f}`, content: read(`${folder}/${f}`) })),
      })),
    })),
  );
}
