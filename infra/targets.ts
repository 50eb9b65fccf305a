import type { Target } from '@meshcd/core';
import { targetsSchema } from '@meshcd/runtime/target-schema';

/**
 * The targets this deployment reconciles into: deploy-time configuration, never read from a manifest
 * repository. Set MESHCD_TARGETS (a JSON array of targets) when running `sst deploy`; without it the
 * example below is deployed. The same list reaches the functions as env MESHCD_TARGETS and scopes
 * their IAM (App Mesh ARNs, EKS clusters, git credential secrets).
 */
const exampleTargets = [
  {
    id: 'example',
    source: { repository: 'https://github.com/example/mesh-manifests.git', branch: 'main', path: 'mesh' },
    accountId: '123456789012',
    region: 'us-east-1',
    cluster: { name: 'example' },
  },
];

function loadTargets(): Target[] {
  const raw = process.env.MESHCD_TARGETS;
  const parsed = targetsSchema.safeParse(raw ? JSON.parse(raw) : exampleTargets);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`MESHCD_TARGETS: [${issue?.path.join('][')}]: ${issue?.message}`);
  }
  return parsed.data;
}

export const targets = loadTargets();
/** What the functions parse back with the same schema. */
export const targetsJson = JSON.stringify(targets);
