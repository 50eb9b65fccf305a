import { createHash } from 'node:crypto';

/**
 * The idempotency token of one write. Every retry of the write within a run (SDK or adapter retries after a
 * timeout, a 5xx, a dropped connection, a response lost after the commit) sends the same token and gets the
 * original result instead of a duplicate or a conflict.
 *
 * The run is part of it: App Mesh remembers tokens for an undocumented time and answers a replay from
 * memory without writing. A later run that re-creates what meshcd deleted, or re-applies a spec over an
 * out-of-band edit, at the same revision, is a new write and must not be answered with the old result.
 * Across runs, a crash cannot duplicate anything anyway: names are unique in App Mesh, and the next run
 * lists what exists (and its ownership tag) before it writes.
 */
export function clientToken(parts: {
  targetId: string;
  runId: string;
  operation: string;
  key: string;
  specHash: string;
  revision: string;
}): string {
  return createHash('sha256')
    .update(
      [parts.targetId, parts.runId, parts.operation, parts.key, parts.specHash, parts.revision].join('\n'),
    )
    .digest('hex')
    .slice(0, 36);
}
