import { createHash } from 'node:crypto';

/**
 * The idempotency token of one write: the same change of the same revision always sends the same token,
 * so a retry after a timeout or a crash gets the original result instead of a duplicate.
 */
export function clientToken(parts: {
  targetId: string;
  operation: string;
  key: string;
  specHash: string;
  revision: string;
}): string {
  return createHash('sha256')
    .update([parts.targetId, parts.operation, parts.key, parts.specHash, parts.revision].join('\n'))
    .digest('hex')
    .slice(0, 36);
}
