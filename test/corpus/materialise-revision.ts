import { parseAllDocuments } from 'yaml';
import type { CorpusFile, CorpusRevision } from './corpus.ts';

const identity = (doc: { toJS(): unknown }): string | undefined => {
  const o = doc.toJS() as { kind?: string; metadata?: { namespace?: string; name?: string } } | null;
  return o?.kind && o.metadata?.name
    ? `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
    : undefined;
};

/**
 * The tree a revision's successive commits would leave: every file, but with each document that a later file
 * replaces (same kind, namespace and name) cut out of the earlier file. Surviving documents keep their text,
 * so line numbers stay those of the corpus files.
 */
export function materialiseRevision(revision: CorpusRevision): CorpusFile[] {
  const parsed = revision.files.map((f) => ({
    file: f,
    docs: parseAllDocuments(f.content, { version: '1.1' }),
  }));
  return parsed.map(({ file, docs }, i) => {
    const later = new Set(parsed.slice(i + 1).flatMap((p) => p.docs.map(identity)));
    const replaced = docs.filter((d) => {
      const id = identity(d);
      return id !== undefined && later.has(id);
    });
    if (replaced.length === 0) return file;
    let content = file.content;
    // Blank the replaced documents' lines (keeping line count) from the end, so earlier offsets stay valid.
    for (const doc of [...replaced].reverse()) {
      const [start, , end] = doc.range;
      const blanked = content.slice(start, end).replace(/[^\n]/g, ' ');
      content = content.slice(0, start) + blanked + content.slice(end);
    }
    return { path: file.path, content };
  });
}
