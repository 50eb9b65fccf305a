import { readFileSync } from 'node:fs';
import type { Target } from '@meshcd/core';
import { foreignTargetsWithoutRole, targetsSchema } from '@meshcd/runtime/target-schema';
import { targetRecord } from '@meshcd/state/target-record';
import { table } from './state';

/**
 * The targets this deployment reconciles into: deploy-time configuration, never read from a manifest
 * repository. Give them at `sst deploy` as MESHCD_TARGETS (a JSON array) or MESHCD_TARGETS_FILE (a
 * path to one); without either the example below is deployed. They are validated here, at synthesis,
 * with the schema the functions use; each is written to the state table as a target record, which the
 * functions read (the list never has to fit a function's 4 KB environment), and they scope the IAM of
 * the functions (App Mesh ARNs, EKS clusters, git credential secrets).
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
  const file = process.env.MESHCD_TARGETS_FILE;
  const raw = file ? readFileSync(file, 'utf8') : process.env.MESHCD_TARGETS;
  const source = file ? `MESHCD_TARGETS_FILE ${file}` : 'MESHCD_TARGETS';
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : exampleTargets;
  } catch (error) {
    throw new Error(`${source}: not JSON: ${(error as Error).message}`);
  }
  const parsed = targetsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: [${issue?.path.join('][')}]: ${issue?.message}`);
  }
  return parsed.data;
}

export const targets = loadTargets();

/**
 * Refuses the deployment when a target in another account than the deployment's names no role there:
 * with the functions' own credentials every call to it would meet AccessDenied. The app awaits it first,
 * so such a deployment fails before any function or target record is declared.
 */
export async function refuseForeignTargetsWithoutRole(): Promise<void> {
  const { accountId } = await aws.getCallerIdentity();
  const refused = foreignTargetsWithoutRole(targets, accountId);
  if (refused.length > 0) throw new Error(`targets:\n${refused.join('\n')}`);
}

/** One table item per target, in the table's own key design (the state store's target records). */
export const targetItems = targets.map(
  (target) =>
    new aws.dynamodb.TableItem(
      `MeshcdTarget${target.id.replace(/(^|-)([a-z0-9])/g, (_, _d, c) => c.toUpperCase())}`,
      {
        tableName: table.name,
        hashKey: 'pk',
        rangeKey: 'sk',
        item: JSON.stringify(
          Object.fromEntries(Object.entries(targetRecord(target)).map(([k, v]) => [k, { S: v }])),
        ),
      },
    ),
);
