import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** What the emulated STS knows about a caller: the secret it signs with, and who it is. */
export interface StsIdentity {
  secretAccessKey: string;
  /** What GetCallerIdentity answers, e.g. `arn:aws:sts::111122223333:assumed-role/meshcd-reconcile/session`. */
  arn: string;
}

export interface EksTokenCheck {
  /** The cluster's name: the value the token's signed `x-k8s-aws-id` header must carry. */
  clusterName: string;
  /** Access key id → identity, as STS would resolve the presigned request's signature. */
  identities: Record<string, StsIdentity>;
  /** The authenticator's clock, a knob for tests that let tokens age. */
  now: () => Date;
}

/** Why a token was refused; the API server answers 401 either way, as EKS does. */
export class TokenRefused extends Error {
  override name = 'TokenRefused';
}

const prefix = 'k8s-aws-v1.';
/** aws-iam-authenticator accepts a token for 15 minutes after its X-Amz-Date, whatever X-Amz-Expires says. */
const tokenLifetimeMs = 15 * 60_000;
/** The presigned URL may ask for at most 60 seconds (the authenticator refuses more). */
const maxExpiresSeconds = 60;
const stsHost = /^sts(\.[a-z]{2}(-[a-z]+)+-\d)?\.amazonaws\.com(\.cn)?$/;
const signingParams = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
]);

/**
 * Checks a bearer token the way aws-iam-authenticator does and answers the caller's ARN: the
 * `k8s-aws-v1.` prefix, a presigned STS GetCallerIdentity URL on an STS host, the `x-k8s-aws-id` header
 * among the signed ones, X-Amz-Date no older than 15 minutes; then, standing in for STS, the SigV4
 * signature recomputed with the caller's secret and this cluster's name, so a token for another
 * cluster or with a forged signature is refused.
 */
export async function checkEksToken(token: string | undefined, check: EksTokenCheck): Promise<string> {
  if (!token?.startsWith(prefix)) throw new TokenRefused('token is not a k8s-aws-v1 token');
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    throw new TokenRefused('token does not decode to a URL');
  }
  if (url.protocol !== 'https:' || !stsHost.test(url.hostname) || url.pathname !== '/') {
    throw new TokenRefused(`not an STS endpoint: ${url.origin}${url.pathname}`);
  }
  const query = url.searchParams;
  if (query.get('Action') !== 'GetCallerIdentity') throw new TokenRefused('not a GetCallerIdentity request');
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) {
    throw new TokenRefused('client did not sign the x-k8s-aws-id header in the pre-signed URL');
  }
  const expires = Number(query.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 0 || expires > maxExpiresSeconds) {
    throw new TokenRefused('X-Amz-Expires parameter out of range');
  }
  const signedAt = parseAmzDate(query.get('X-Amz-Date') ?? '');
  if (check.now().getTime() > signedAt.getTime() + tokenLifetimeMs) {
    throw new TokenRefused('X-Amz-Date parameter is expired (15 minute expiration)');
  }
  const [accessKeyId, , region] = (query.get('X-Amz-Credential') ?? '').split('/');
  const identity = accessKeyId ? check.identities[accessKeyId] : undefined;
  if (!accessKeyId || !identity || !region)
    throw new TokenRefused('sts:GetCallerIdentity: unknown access key');
  const expected = await presignedSignature(url, {
    accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    region,
    clusterName: check.clusterName,
    signedAt,
    expires,
  });
  const actual = Buffer.from(query.get('X-Amz-Signature') ?? '');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new TokenRefused('sts:GetCallerIdentity: signature does not match (another cluster, or forged)');
  }
  return identity.arn;
}

/** The signature STS would compute for this URL with the caller's secret and the cluster header. */
async function presignedSignature(
  url: URL,
  p: {
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
    clusterName: string;
    signedAt: Date;
    expires: number;
  },
): Promise<Buffer> {
  const sessionToken = url.searchParams.get('X-Amz-Security-Token');
  const signer = new SignatureV4({
    service: 'sts',
    region: p.region,
    credentials: {
      accessKeyId: p.accessKeyId,
      secretAccessKey: p.secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
    },
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!signingParams.has(key)) query[key] = value;
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: url.hostname,
      path: '/',
      query,
      headers: { host: url.hostname, 'x-k8s-aws-id': p.clusterName },
    },
    { expiresIn: p.expires, signingDate: p.signedAt },
  );
  return Buffer.from(String(presigned.query?.['X-Amz-Signature'] ?? ''));
}

/** `20260101T120000Z` → Date; anything else is refused. */
function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new TokenRefused('X-Amz-Date parameter is missing or malformed');
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}
