import type { Target } from '@meshcd/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface TargetCredentialsOptions {
  /** The deployment's region: STS is called there, with the function's own credentials. */
  region: string;
  /** STS endpoint override (local mode). */
  stsEndpoint?: string;
  /** The function's own credentials when not the SDK's default chain (local mode, tests). */
  own?: AwsCredentialIdentity;
}

/** Renew assumed credentials this long before they expire, so no request signs with a dying key. */
const renewBeforeMs = 5 * 60_000;

/**
 * The credentials a target's App Mesh, EKS, Cloud Map and VPC Lattice clients sign with. A target in
 * another account names a role there: the function assumes it with the target's external id (the role's
 * trust policy requires it, so another deployment that learns the role's name cannot use it) and renews
 * the session before it expires. A target without a role uses the function's own credentials; deploy
 * refuses such a target in another account (see foreignTargetsWithoutRole), where they would only meet
 * AccessDenied. One provider per role, shared by the target's clients and its EKS tokens.
 */
export function targetCredentials(
  options: TargetCredentialsOptions,
): (target: Target) => Credentials | undefined {
  const byRole = new Map<string, AwsCredentialIdentityProvider>();
  return (target) => {
    const role = target.role;
    if (!role) return options.own;
    const key = `${role.arn} ${role.externalId}`;
    let provider = byRole.get(key);
    if (!provider) {
      provider = renewing(async () => {
        const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
        return fromTemporaryCredentials({
          params: { RoleArn: role.arn, ExternalId: role.externalId, RoleSessionName: `meshcd-${target.id}` },
          ...(options.own ? { masterCredentials: options.own } : {}),
          clientConfig: {
            region: options.region,
            ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
          },
        })();
      });
      byRole.set(key, provider);
    }
    return provider;
  };
}

/** One AssumeRole per session: the result is reused until shortly before it expires. */
function renewing(assume: () => Promise<AwsCredentialIdentity>): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const held = current ? await current.catch(() => undefined) : undefined;
    if (!current || !held?.expiration || held.expiration.getTime() - renewBeforeMs <= Date.now()) {
      current = assume();
    }
    return current;
  };
}
