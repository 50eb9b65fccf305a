import { readFileSync } from 'node:fs';
import { defaultTargetPolicy, MeshcdError, type Target } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { latticeAccessRefused, latticeReadActions } from './lattice-access-refused.ts';

const target: Target = {
  id: 'production',
  source: { repository: 'https://git.example/mesh.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'eu-west-1',
  provider: 'lattice',
  lattice: { vpcId: 'vpc-0abc', authType: 'NONE' },
  policy: { ...defaultTargetPolicy },
};
const denied = (message: string) =>
  new MeshcdError({ phase: 'observe', reason: 'AccessDeniedException', message });

describe('VPC Lattice refusing a read of a deployed target', () => {
  it('names the caller and the action AWS refused, and every read action to grant', () => {
    const error = latticeAccessRefused(
      denied(
        'ListServices: User: arn:aws:sts::111122223333:assumed-role/contractor/bob is not authorized to perform: vpc-lattice:ListServices on resource: arn:aws:vpc-lattice:eu-west-1:111122223333:service/* because no identity-based policy allows the vpc-lattice:ListServices action',
      ),
      target,
      'AKIAEXAMPLE',
    );
    expect(error).toMatchObject({ phase: 'observe', reason: 'LatticeAccessDenied', retryable: false });
    expect((error as Error).message).toContain(
      'VPC Lattice of target production (account 111122223333, eu-west-1) does not let your AWS identity arn:aws:sts::111122223333:assumed-role/contractor/bob call vpc-lattice:ListServices',
    );
    expect((error as Error).message).toContain(latticeReadActions.join(', '));
  });

  it('falls back to the operation and the signing access key when the message names neither', () => {
    const error = latticeAccessRefused(
      denied('GetRule: Account 444455556666 is not authorized to access rule-0123'),
      target,
      'AKIAEXAMPLE',
    );
    expect((error as Error).message).toMatch(
      /^VPC Lattice of target production \(account 111122223333, eu-west-1\) does not let your AWS identity with access key AKIAEXAMPLE call vpc-lattice:GetRule \(GetRule: Account/,
    );
  });

  it('leaves every other failure as it was', () => {
    const throttled = new MeshcdError({
      phase: 'observe',
      reason: 'ThrottlingException',
      message: 'slow down',
    });
    expect(latticeAccessRefused(throttled, target, undefined)).toBe(throttled);
  });

  it('asks in the README for exactly the actions it names', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Reading a deployed Lattice target'));
    // The actions of the policy shown there, each quoted as IAM writes it.
    const policy = section.slice(0, section.indexOf('\n## '));
    const documented = new Set([...policy.matchAll(/"(vpc-lattice:[A-Za-z]+)"/g)].map((m) => m[1]));
    expect([...documented].sort()).toEqual([...latticeReadActions].sort());
  });
});
