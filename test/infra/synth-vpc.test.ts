import { beforeAll, describe, expect, it } from 'vitest';
import { fnType, recorded } from './recorded-resources.ts';
import { type SynthResult, synthAccount, synthesize } from './synth-app.ts';

/** A deployment (its own module graph) whose clusters have private endpoints: MESHCD_VPC is set. */
const vpc = { subnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'], securityGroupIds: ['sg-0123abcd'] };

let app: SynthResult;

beforeAll(async () => {
  app = await synthesize({
    SST_SECRET_GithubWebhookSecret: 'github-secret',
    SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
    MESHCD_TARGETS: JSON.stringify([
      {
        id: 'private',
        source: { repository: 'https://github.com/org/mesh.git', branch: 'main' },
        accountId: synthAccount,
        region: 'us-east-1',
        cluster: { name: 'private-eks' },
      },
    ]),
    MESHCD_VPC: JSON.stringify(vpc),
  });
}, 300_000);

const { one, input } = recorded(() => app);

describe('sst.config.ts with MESHCD_VPC', () => {
  it('places the functions that talk to clusters in the VPC, and the webhook receiver outside it', () => {
    for (const name of ['ReconcileFunction', 'DetectDriftFunction', 'ClusterEventFunction']) {
      expect({ name, vpc: input(one(fnType, name), 'vpcConfig') }).toEqual({
        name,
        vpc: expect.objectContaining(vpc),
      });
    }
    expect(input(one(fnType, 'IngestWebhookFunction'), 'vpcConfig')).toBeUndefined();
  });
});
