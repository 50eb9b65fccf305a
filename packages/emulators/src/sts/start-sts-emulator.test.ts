import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StsEmulatorHandle, startStsEmulator } from './start-sts-emulator.ts';
import { stsTestClients } from './sts-test-clients.ts';

describe('the STS emulator, through the unmodified @aws-sdk/client-sts', () => {
  let sts: StsEmulatorHandle;
  const clients = stsTestClients(() => sts.endpoint);
  const client = clients.client;

  beforeAll(async () => {
    sts = await startStsEmulator({
      accountId: '999988887777',
      identities: { AKIAALICE: { arn: 'arn:aws:sts::123456789012:assumed-role/platform-viewer/alice' } },
    });
  });
  afterAll(async () => {
    clients.destroy();
    await sts.close();
  });

  it('answers GetCallerIdentity with the listed identity of the access key, and its account', async () => {
    const answer = await client('AKIAALICE').send(new GetCallerIdentityCommand({}));
    expect({ Arn: answer.Arn, Account: answer.Account, UserId: answer.UserId }).toEqual({
      Arn: 'arn:aws:sts::123456789012:assumed-role/platform-viewer/alice',
      Account: '123456789012',
      UserId: 'AKIAALICE',
    });
  });

  it('names an unlisted caller by the emulators convention: a 12-digit key is its account, others the default', async () => {
    const byAccount = await client('444455556666').send(new GetCallerIdentityCommand({}));
    expect([byAccount.Account, byAccount.Arn]).toEqual([
      '444455556666',
      'arn:aws:iam::444455556666:user/444455556666',
    ]);
    const other = await client('AKIAOTHER').send(new GetCallerIdentityCommand({}));
    expect([other.Account, other.Arn]).toEqual(['999988887777', 'arn:aws:iam::999988887777:user/AKIAOTHER']);
  });

  it('logs every call with the caller account, and answers an action it does not serve as STS does', async () => {
    sts.resetCalls();
    await client('444455556666').send(new GetCallerIdentityCommand({}));
    await expect(client('444455556666').send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
      $metadata: { httpStatusCode: 400 },
    });
    expect(sts.calls.map((c) => [c.operation, c.account, c.status, c.errorType])).toEqual([
      ['GetCallerIdentity', '444455556666', 200, undefined],
      ['Unknown', '444455556666', 400, 'InvalidAction'],
    ]);
  });
});
