import { MeshcdError, type Target } from '@meshcd/core';

/** Who the user's AWS credentials are, as STS answers. */
export interface CallerIdentity {
  arn: string;
  account: string;
}

/**
 * sts:GetCallerIdentity with the user's credentials (the SDK's default chain, so AWS_ENDPOINT_URL_STS works as
 * for any SDK client). It needs no permission, so a failure means the credentials themselves are missing,
 * expired or invalid. The client is imported here, on the remote path only: `--help` and `validate` never load it.
 */
export async function callerIdentity(region: string): Promise<CallerIdentity> {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region });
  try {
    const { Arn: arn, Account: account } = await client.send(new GetCallerIdentityCommand({}));
    if (!arn || !account) throw new Error('the answer names no account');
    return { arn, account };
  } catch (error) {
    throw new MeshcdError({
      phase: 'observe',
      reason: 'CallerUnknown',
      message:
        `cannot tell which AWS account your credentials belong to (sts:GetCallerIdentity: ${error instanceof Error ? error.message : String(error)}); ` +
        'check AWS_PROFILE or your login (aws sts get-caller-identity shows the same)',
      cause: error,
    });
  } finally {
    client.destroy();
  }
}

const serviceOf = (target: Target) => (target.provider === 'lattice' ? 'VPC Lattice' : 'App Mesh');

/**
 * Refuses a target whose account is not the caller's, before anything of the target is read or written (as
 * Terraform's allowed_account_ids does). The command line reaches a target with the user's own credentials,
 * so with another account's it would see an empty account: every resource a create, and an allowed apply
 * creating the whole mesh there. The deployed functions reach a target in another account through the
 * target's role, which the user cannot assume.
 */
export function requireTargetAccount(target: Target, caller: CallerIdentity, write: boolean): void {
  if (caller.account === target.accountId) return;
  const service = serviceOf(target);
  throw new MeshcdError({
    phase: 'observe',
    reason: 'AccountMismatch',
    message:
      `target '${target.id}' is in account ${target.accountId}, but your AWS credentials are ${caller.arn} ` +
      `(account ${caller.account}). Nothing of the target was read or written: with these credentials meshcd would ` +
      (write
        ? `apply to ${service} in account ${caller.account}, creating the whole mesh there. `
        : `read ${service} in account ${caller.account}, where every resource would look missing. `) +
      `Switch to credentials of account ${target.accountId} (another AWS_PROFILE, or log in to that account). The deployed functions reach a ` +
      `target in another account through ${target.role ? `its role ${target.role.arn}` : "the target's role"}; ` +
      "the command line uses your own credentials, so they must be in the target's account",
  });
}
