import { describe, expect, it } from 'vitest';
import { synthesize } from './synth-app.ts';

/** A deployment (its own module graph) with a target in another account that names no role. */
describe('sst.config.ts with a target in another account and no role', () => {
  it('refuses the deployment, naming the target and both accounts', async () => {
    await expect(
      synthesize({
        SST_SECRET_GithubWebhookSecret: 'github-secret',
        SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
        MESHCD_TARGETS: JSON.stringify([
          {
            id: 'elsewhere',
            source: { repository: 'https://github.com/org/mesh.git', branch: 'main' },
            accountId: '999999999999',
            region: 'eu-west-1',
          },
        ]),
      }),
    ).rejects.toThrow(/target elsewhere: account 999999999999 is not the deployment's \(111111111111\)/);
  }, 300_000);
});
