import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTargetPolicy, MeshcdError, type Target } from '@meshcd/core';
import { startStsEmulator } from '@meshcd/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { callerIdentity, requireTargetAccount } from './require-target-account.ts';

const target: Target = {
  id: 'production',
  source: { repository: 'https://example.com/mesh.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'us-west-2',
  policy: defaultTargetPolicy,
};
const bob = { arn: 'arn:aws:sts::444455556666:assumed-role/platform/bob', account: '444455556666' };

describe('requireTargetAccount', () => {
  it('lets credentials of the target account through', () => {
    expect(() =>
      requireTargetAccount(
        target,
        { arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' },
        true,
      ),
    ).not.toThrow();
  });

  it('refuses another account, naming the target, both accounts, the caller and what to do', () => {
    const refused = (t: Target, write: boolean) => {
      try {
        requireTargetAccount(t, bob, write);
      } catch (error) {
        return error as MeshcdError;
      }
      throw new Error('not refused');
    };
    const read = refused(target, false);
    expect(read).toBeInstanceOf(MeshcdError);
    expect([read.phase, read.reason, read.retryable]).toEqual(['observe', 'AccountMismatch', false]);
    expect(read.message).toBe(
      "target 'production' is in account 111122223333, but your AWS credentials are " +
        'arn:aws:sts::444455556666:assumed-role/platform/bob (account 444455556666). Nothing of the target was ' +
        'read or written: with these credentials meshcd would read App Mesh in account 444455556666, where every ' +
        'resource would look missing. Switch to credentials of account 111122223333 (another AWS_PROFILE, or log ' +
        "in to that account). The deployed functions reach a target in another account through the target's " +
        "role; the command line uses your own credentials, so they must be in the target's account",
    );
    const apply = refused(
      {
        ...target,
        provider: 'lattice',
        role: { arn: 'arn:aws:iam::111122223333:role/meshcd-target', externalId: 'x' },
      },
      true,
    );
    expect(apply.message).toContain(
      'meshcd would apply to VPC Lattice in account 444455556666, creating the whole mesh there.',
    );
    expect(apply.message).toContain('through its role arn:aws:iam::111122223333:role/meshcd-target;');
  });
});

describe('callerIdentity', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const credentials = (accessKeyId: string, endpoint: string) =>
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_STS: endpoint,
    });

  it('asks STS at AWS_ENDPOINT_URL_STS who the default chain credentials are', async () => {
    const sts = await startStsEmulator();
    try {
      credentials('444455556666', sts.endpoint);
      expect(await callerIdentity('us-west-2')).toEqual({
        arn: 'arn:aws:iam::444455556666:user/444455556666',
        account: '444455556666',
      });
      expect(sts.calls.map((c) => c.operation)).toEqual(['GetCallerIdentity']);
    } finally {
      await sts.close();
    }
  });

  it('says the credentials are the problem when STS refuses them', async () => {
    // STS's answer to an expired session, in its query-protocol form.
    const server = createServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'text/xml' });
      response.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>' +
          '<Message>The security token included in the request is expired</Message></Error></ErrorResponse>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      credentials('ASIAEXPIRED', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await expect(callerIdentity('us-west-2')).rejects.toMatchObject({
        phase: 'observe',
        reason: 'CallerUnknown',
        message:
          'cannot tell which AWS account your credentials belong to (sts:GetCallerIdentity: The security token ' +
          'included in the request is expired); check AWS_PROFILE or your login (aws sts get-caller-identity ' +
          'shows the same)',
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
