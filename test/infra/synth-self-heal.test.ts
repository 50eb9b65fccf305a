import { beforeAll, describe, expect, it } from 'vitest';
import { recorded, scheduleType } from './recorded-resources.ts';
import { type SynthResult, synthesize } from './synth-app.ts';

/** A second deployment (its own module graph, so its own MESHCD_TARGETS): one target opts into self-heal. */
const targets = [
  {
    id: 'payments',
    source: { repository: 'https://github.com/org/payments-mesh.git', branch: 'main' },
    accountId: '111111111111',
    region: 'eu-west-1',
    policy: { selfHeal: true },
  },
  {
    id: 'shared',
    source: { repository: 'https://github.com/org/shared-mesh.git', branch: 'main' },
    accountId: '111111111111',
    meshOwner: '444444444444',
    region: 'us-east-1',
  },
];

let app: SynthResult;

beforeAll(async () => {
  app = await synthesize({
    SST_SECRET_GithubWebhookSecret: 'github-secret',
    SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
    MESHCD_TARGETS: JSON.stringify(targets),
    MESHCD_DRIFT_SCHEDULE: 'rate(1 hour)',
  });
}, 300_000);

const { one, input, grants } = recorded(() => app);

describe('sst.config.ts with a self-healing target', () => {
  it('grants detect-drift App Mesh writes in the self-healing target’s meshes only', () => {
    const all = [
      'arn:aws:appmesh:eu-west-1:111111111111:mesh/*',
      'arn:aws:appmesh:us-east-1:444444444444:mesh/*',
    ];
    const healing = ['arn:aws:appmesh:eu-west-1:111111111111:mesh/*'];
    const appMesh = Object.fromEntries(
      Object.entries(grants('DetectDrift')).filter(([action]) => action.startsWith('appmesh:')),
    );
    expect(appMesh).toEqual({
      'appmesh:List*': all,
      'appmesh:Describe*': all,
      'appmesh:ListTagsForResource': all,
      'appmesh:ListMeshes': ['*'],
      'appmesh:Create*': healing,
      'appmesh:Update*': healing,
    });
  });

  it('never lets detect-drift delete, even when it heals', () => {
    expect(Object.keys(grants('DetectDrift')).filter((a) => /Delete|Untag/.test(a))).toEqual([]);
  });

  it('checks on the schedule the deployment configured', () => {
    expect(input(one(scheduleType, 'DriftCheckSchedule'), 'scheduleExpression')).toBe('rate(1 hour)');
  });
});
