import type { ManifestFile } from '@meshcd/core';
import { parseAllDocuments } from 'yaml';

export interface DocumentFile extends ManifestFile {
  kind: string;
  /** True for `appmesh.k8s.aws` objects: the ones whose removal prunes App Mesh resources. */
  appMesh: boolean;
}

/**
 * One file per YAML document, so a test can remove any single object from a tree the way a commit deleting
 * its file would. The text of each document is kept as written.
 */
export function splitDocuments(files: readonly ManifestFile[]): DocumentFile[] {
  return files.flatMap((file) =>
    parseAllDocuments(file.content, { version: '1.1' }).flatMap((doc, i) => {
      const body = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } } | null;
      if (!body?.kind || !body.metadata?.name) return [];
      const [start, , end] = doc.range;
      return [
        {
          path: `${file.path.replace(/\.ya?ml$/, '')}/${i}-${body.kind}-${body.metadata.name}.yaml`,
          content: file.content.slice(start, end),
          kind: body.kind,
          appMesh: (body.apiVersion ?? '').startsWith('appmesh.k8s.aws/'),
        },
      ];
    }),
  );
}
