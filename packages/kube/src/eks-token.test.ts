import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eksToken } from './eks-token.ts';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const signedAt = new Date('2026-03-01T12:34:56Z');

const decode = (token: string): URL => {
  expect(token.startsWith('k8s-aws-v1.')).toBe(true);
  const encoded = token.slice('k8s-aws-v1.'.length);
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  return new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
};

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** SigV4 for a presigned GET, computed here from the spec so the test does not trust the signer it checks. */
function expectedSignature(url: URL, cluster: string): string {
  const params = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature');
  const encode = (v: string) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = params
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    `host:${url.host}\nx-k8s-aws-id:${cluster}\n`,
    'host;x-k8s-aws-id',
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const date = url.searchParams.get('X-Amz-Date')!;
  const scope = url.searchParams.get('X-Amz-Credential')!.split('/').slice(1).join('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    date,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const [day, region, service] = scope.split('/');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day!), region!), service!),
    'aws4_request',
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('eksToken', () => {
  it('encodes a presigned STS GetCallerIdentity URL for the regional endpoint', async () => {
    const { token } = await eksToken({
      clusterName: 'prod',
      region: 'eu-west-1',
      credentials,
      now: () => signedAt,
    });
    const url = decode(token);
    expect(token).not.toContain('=');
    expect(url.origin).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('Version')).toBe('2011-06-15');
  });

  it('signs the cluster name header with SigV4 query parameters valid for 60 seconds', async () => {
    const { token } = await eksToken({
      clusterName: 'prod',
      region: 'eu-west-1',
      credentials,
      now: () => signedAt,
    });
    const url = decode(token);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260301T123456Z');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20260301/eu-west-1/sts/aws4_request');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, 'prod'));
  });

  it('produces a signature that is wrong for any other cluster name', async () => {
    const { token } = await eksToken({
      clusterName: 'prod',
      region: 'eu-west-1',
      credentials,
      now: () => signedAt,
    });
    const url = decode(token);
    expect(url.searchParams.get('X-Amz-Signature')).not.toBe(expectedSignature(url, 'staging'));
  });

  it('carries the session token of temporary credentials', async () => {
    const { token } = await eksToken({
      clusterName: 'prod',
      region: 'us-east-1',
      credentials: { ...credentials, sessionToken: 'session/with+chars=' },
      now: () => signedAt,
    });
    const url = decode(token);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session/with+chars=');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, 'prod'));
  });

  it('expires 14 minutes after signing, inside the 15 minutes the authenticator allows', async () => {
    const { expiresAt } = await eksToken({
      clusterName: 'c',
      region: 'us-east-1',
      credentials,
      now: () => signedAt,
    });
    expect(expiresAt.getTime() - signedAt.getTime()).toBe(14 * 60_000);
  });

  it('uses the China partition domain for cn- regions', async () => {
    const { token } = await eksToken({
      clusterName: 'c',
      region: 'cn-north-1',
      credentials,
      now: () => signedAt,
    });
    expect(decode(token).host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });

  it('fails with a token-phase error when the credentials cannot be resolved', async () => {
    const failing = async () => {
      throw new Error('Could not load credentials from any providers');
    };
    await expect(
      eksToken({ clusterName: 'c', region: 'us-east-1', credentials: failing, now: () => signedAt }),
    ).rejects.toMatchObject({ step: 'token', reason: 'NoCredentials', retryable: false });
  });
});
