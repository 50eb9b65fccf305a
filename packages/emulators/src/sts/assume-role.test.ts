import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StsEmulatorHandle, startStsEmulator } from './start-sts-emulator.ts';
import { stsTestClients } from './sts-test-clients.ts';

const roleArn = 'arn:aws:iam::222233334444:role/meshcd-target';
const reconciler = 'arn:aws:sts::111122223333:assumed-role/meshcd-reconcile/fn';

describe('AssumeRole in the STS emulator, through the unmodified SDK', () => {
  let sts: StsEmulatorHandle;
  const accessKeys: Record<string, string> = {};
  const clients = stsTestClients(() => sts.endpoint);
  const client = clients.client;

  beforeAll(async () => {
    sts = await startStsEmulator({
      identities: {
        AKIARECONCILE: { arn: reconciler },
        AKIASTRANGER: { arn: 'arn:aws:iam::555566667777:user/x' },
      },
      roles: {
        [roleArn]: { trusted: ['arn:aws:iam::111122223333:role/meshcd-reconcile'], externalId: 'ext-7f3a' },
      },
      accessKeys,
    });
  });
  afterAll(async () => {
    clients.destroy();
    await sts.close();
  });

  it("hands the credential provider a session of the role, which acts in the role's account", async () => {
    const credentials = await fromTemporaryCredentials({
      params: { RoleArn: roleArn, ExternalId: 'ext-7f3a', RoleSessionName: 'meshcd-payments' },
      masterCredentials: { accessKeyId: 'AKIARECONCILE', secretAccessKey: 'secret' },
      clientConfig: { region: 'us-west-2', endpoint: sts.endpoint },
    })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());
    expect(sts.roleOf(credentials.accessKeyId)).toBe(roleArn);
    expect(accessKeys[credentials.accessKeyId]).toBe('222233334444');
    const who = await client(credentials.accessKeyId).send(new GetCallerIdentityCommand({}));
    expect([who.Arn, who.Account]).toEqual([
      'arn:aws:sts::222233334444:assumed-role/meshcd-target/meshcd-payments',
      '222233334444',
    ]);
  });

  it.each([
    ['without the external id', 'AKIARECONCILE', undefined],
    ['with another external id', 'AKIARECONCILE', 'guessed'],
    ['by a caller the trust policy does not name', 'AKIASTRANGER', 'ext-7f3a'],
  ])('refuses AssumeRole %s, as AccessDenied', async (_, caller, ExternalId) => {
    await expect(
      client(caller).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1', ExternalId })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  it('refuses a role it does not know', async () => {
    await expect(
      client('AKIARECONCILE').send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222233334444:role/other', RoleSessionName: 's1' }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
