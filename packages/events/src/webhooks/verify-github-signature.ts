import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';

/**
 * Checks GitHub's `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw request body. The body
 * must be the bytes as received: re-serialised JSON differs in whitespace and key order. The comparison
 * is constant-time so the response time leaks nothing about how much of a forged signature matched.
 */
export function verifyGitHubSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | undefined,
  secret: string,
): boolean {
  if (!signatureHeader?.startsWith(prefix) || secret === '') return false;
  const received = Buffer.from(signatureHeader.slice(prefix.length), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // timingSafeEqual throws on unequal lengths; a malformed hex string decodes short.
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The header value GitHub would send for `rawBody`: for fixtures and tests. */
export function signGitHubBody(rawBody: string | Uint8Array, secret: string): string {
  return prefix + createHmac('sha256', secret).update(rawBody).digest('hex');
}
