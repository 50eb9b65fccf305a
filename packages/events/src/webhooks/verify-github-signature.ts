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
  const hex = signatureHeader.slice(prefix.length);
  // Exactly one lower-case digest: Buffer.from(hex) would stop at the first non-hex character and so
  // accept a valid digest followed by anything.
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const received = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(received, expected);
}

/** The header value GitHub would send for `rawBody`: for fixtures and tests. */
export function signGitHubBody(rawBody: string | Uint8Array, secret: string): string {
  return prefix + createHmac('sha256', secret).update(rawBody).digest('hex');
}
