import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { KubeAccessError } from './kube-access-error.ts';

export interface EksTokenRequest {
  clusterName: string;
  region: string;
  /** Defaults to the Node.js default chain (environment, SSO, web identity, container, instance). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The signing clock; injectable so tokens and their expiry are reproducible in tests. */
  now?: () => Date;
}

export interface EksToken {
  /** `k8s-aws-v1.` + unpadded base64url of the presigned URL: the bearer token the cluster accepts. */
  token: string;
  /** When the cluster stops accepting it (it checks the signing time against a 15-minute window; 14 to be safe). */
  expiresAt: Date;
}

const tokenPrefix = 'k8s-aws-v1.';
/** The presigned URL's own validity; the authenticator honours 15 minutes from X-Amz-Date regardless. */
const presignSeconds = 60;
const tokenLifetimeMs = 14 * 60_000;

/**
 * The bearer token `aws eks get-token` prints: a presigned STS GetCallerIdentity URL whose signed
 * headers include `x-k8s-aws-id: <cluster>`, so a token for one cluster is useless on another.
 */
export async function eksToken({
  clusterName,
  region,
  credentials,
  now = () => new Date(),
}: EksTokenRequest): Promise<EksToken> {
  const signingDate = now();
  const hostname = `sts.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const signer = new SignatureV4({
    service: 'sts',
    region,
    credentials: credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  let presigned: Awaited<ReturnType<SignatureV4['presign']>>;
  try {
    presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname,
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: hostname, 'x-k8s-aws-id': clusterName },
      },
      { expiresIn: presignSeconds, signingDate },
    );
  } catch (error) {
    const noCredentials = error instanceof Error && /credential/i.test(error.message);
    throw new KubeAccessError(
      'token',
      noCredentials ? 'NoCredentials' : 'SigningFailed',
      `cannot sign the EKS token for cluster "${clusterName}": ${error instanceof Error ? error.message : String(error)}`,
      !noCredentials,
      { cause: error },
    );
  }
  const url = `https://${hostname}/?${queryString(presigned.query)}`;
  return {
    token: tokenPrefix + Buffer.from(url).toString('base64url'),
    expiresAt: new Date(signingDate.getTime() + tokenLifetimeMs),
  };
}

/** Query string in the signer's own encoding (RFC 3986), encoded once: double encoding gives 401. */
function queryString(query: Record<string, string | string[] | null> | undefined): string {
  return Object.entries(query ?? {})
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((v) => `${escape3986(key)}=${escape3986(v)}`),
    )
    .sort()
    .join('&');
}

const escape3986 = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
