import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetCredentials } from './target-credentials.ts';
import { foreignTargetsWithoutRole, targetsSchema } from './target-schema.ts';

const own = { accessKeyId: 'AKIAOWNFUNCTIONROLE0', secretAccessKey: 'own-secret' };
const target = (id: string, accountId: string, role?: Target['role']): Target => ({
  id,
  source: { repository: 'https://github.com/org/mesh.git', branch: 'main', path: '.' },
  accountId,
  region: 'eu-west-1',
  ...(role ? { role } : {}),
  policy: { ...defaultTargetPolicy },
});
const role = { arn: 'arn:aws:iam::222222222222:role/meshcd-target', externalId: 'meshcd-prod-7f3a' };

/** STS's AssumeRole as a query-protocol endpoint: records each request body, answers one session. */
const requests: URLSearchParams[] = [];
const sts = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    requests.push(new URLSearchParams(body));
    res.setHeader('content-type', 'text/xml');
    res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAASSUMEDSESSION00</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>
<SessionToken>session-token</SessionToken><Expiration>${new Date(Date.now() + 3_600_000).toISOString()}</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/meshcd-target/meshcd-payments</Arn>
<AssumedRoleId>AROAEXAMPLE:meshcd-payments</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>
<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
  });
});
let stsEndpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
  stsEndpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => sts.close(() => resolve())));

describe('targetCredentials', () => {
  it("assumes a target's role with its external id, once per session, and signs its clients with it", async () => {
    const credentialsOf = targetCredentials({ region: 'us-east-1', stsEndpoint, own });
    const provider = credentialsOf(target('payments', '222222222222', role));
    expect(typeof provider).toBe('function');
    const call = provider as () => Promise<{ accessKeyId: string; sessionToken?: string }>;
    expect(await call()).toMatchObject({
      accessKeyId: 'ASIAASSUMEDSESSION00',
      sessionToken: 'session-token',
    });
    expect(await call()).toMatchObject({ accessKeyId: 'ASIAASSUMEDSESSION00' });
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0]!)).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: role.arn,
      ExternalId: role.externalId,
      RoleSessionName: 'meshcd-payments',
    });
  });

  it("uses the function's own credentials for a target without a role", () => {
    expect(targetCredentials({ region: 'us-east-1', own })(target('local', '111111111111'))).toBe(own);
  });
});

describe('other accounts at deploy', () => {
  it('refuses a target in another account that names no role, by target and account', () => {
    const targets = [
      target('home', '111111111111'),
      target('away', '222222222222'),
      target('away-with-role', '222222222222', role),
    ];
    expect(foreignTargetsWithoutRole(targets, '111111111111')).toEqual([
      expect.stringMatching(/^target away: account 222222222222 is not the deployment's \(111111111111\)/),
    ]);
  });

  it('refuses a role outside the target account', () => {
    const parsed = targetsSchema.safeParse([target('away', '333333333333', role)]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: [0, 'role', 'arn'],
      message: 'the role must be in the target account',
    });
  });
});

describe('CodeCommit repositories at deploy', () => {
  const codeCommit = (credentialsSecret?: string) => ({
    ...target('repo', '111111111111'),
    source: {
      repository: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/mesh-config',
      branch: 'main',
      path: '.',
      ...(credentialsSecret ? { credentialsSecret } : {}),
    },
  });

  it('refuses one without a credentials secret: role credentials cannot authenticate Git over HTTPS', () => {
    const parsed = targetsSchema.safeParse([codeCommit()]);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: [0, 'source', 'credentialsSecret'],
        message: expect.stringMatching(/IAM user’s Git credentials/),
      }),
    ]);
  });

  it('accepts one that names the secret with an IAM user’s Git credentials', () => {
    expect(targetsSchema.safeParse([codeCommit('meshcd/codecommit-git')]).success).toBe(true);
  });
});
