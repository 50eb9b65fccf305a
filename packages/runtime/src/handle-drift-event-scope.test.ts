import { describe, expect, it } from 'vitest';
import { isOwnCall } from './handle-drift-event-scope.ts';
import { stuckRevision } from './handle-drift-event-sweep.ts';

const reconciler = 'arn:aws:iam::111122223333:role/meshcd/meshcd-prod-ReconcileRole-x1y2';

describe('isOwnCall', () => {
  it('recognises a session of a role whose ARN carries a path, by the session ARN alone', () => {
    const call = {
      userIdentityArn: 'arn:aws:sts::111122223333:assumed-role/meshcd-prod-ReconcileRole-x1y2/fn',
    };
    expect(isOwnCall(call, [reconciler])).toBe(true);
  });

  it('does not take a role of the same name in another account for meshcd', () => {
    const call = {
      userIdentityArn: 'arn:aws:sts::999999999999:assumed-role/meshcd-prod-ReconcileRole-x1y2/fn',
    };
    expect(isOwnCall(call, [reconciler])).toBe(false);
  });

  it('does not take an IAM user or another role for meshcd', () => {
    expect(isOwnCall({ userIdentityArn: 'arn:aws:iam::111122223333:user/alice' }, [reconciler])).toBe(false);
    const admin = {
      userIdentityArn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
      sessionIssuerArn: 'arn:aws:iam::111122223333:role/Admin',
    };
    expect(isOwnCall(admin, [reconciler])).toBe(false);
  });
});

describe('stuckRevision', () => {
  const wanted = { revision: 'b'.repeat(40), order: 2 };
  const applied = { revision: 'a'.repeat(40), order: 1 };

  it('finds a wanted revision newer than the applied one on a free lease', () => {
    expect(stuckRevision({ targetId: 't', wanted, applied }, 10)).toEqual(wanted);
  });

  it('finds it on a lease whose holder expired', () => {
    expect(stuckRevision({ targetId: 't', wanted, applied, holder: 'h', expiresAt: 9 }, 10)).toEqual(wanted);
  });

  it('leaves it to a holder whose lease is still running', () => {
    expect(stuckRevision({ targetId: 't', wanted, applied, holder: 'h', expiresAt: 11 }, 10)).toBeUndefined();
  });

  it('finds nothing when the wanted revision is applied, or nothing is wanted', () => {
    expect(stuckRevision({ targetId: 't', wanted, applied: wanted }, 10)).toBeUndefined();
    expect(stuckRevision({ targetId: 't' }, 10)).toBeUndefined();
    expect(stuckRevision(undefined, 10)).toBeUndefined();
  });
});
