import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bridgePodEvents,
  type LocalFunctionName,
  localAdminToken,
  localEksMode,
  localTableName,
  localTarget,
  startLocalPipeline,
} from '@meshcd/cli';
import type { Target } from '@meshcd/core';
import {
  type CloudMapEmulatorHandle,
  startAppMeshEmulator,
  startCloudMapEmulator,
  startKubeEmulator,
  startLatticeEmulator,
  startLocalStack,
} from '@meshcd/emulators';
import { detailTypes, eventSources, schemaVersion } from '@meshcd/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { localVpcId } from '../../packages/cli/src/world/open-local-world.ts';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';
import { checkGrants } from './iam/check-grants.ts';
import { knownGaps } from './iam/known-gaps.ts';
import type { AwsCall } from './iam/record-aws-calls.ts';
import { recordAwsCalls } from './iam/record-aws-calls.ts';
import { busArn, recorded, roleArn, tableArn } from './recorded-resources.ts';
import { type SynthResult, synthAccount, synthesize, synthRegion } from './synth-app.ts';

/** The deployed function each local function stands for. */
const deployedName: Record<LocalFunctionName, string> = {
  'ingest-webhook': 'IngestWebhook',
  reconcile: 'Reconcile',
  'cluster-event': 'ClusterEvent',
  'detect-drift': 'DetectDrift',
};

/** The Lattice target's workloads, applied by whoever runs the cluster: one pod each to begin with. */
const latticeWorkloads = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { mesh: 'shop' } } },
  ...['blue', 'green'].map((name) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: 'example/colorapp', ports: [{ containerPort: 8080 }] }] },
      },
    },
  })),
];

/** Creates objects as kubectl create would, as the cluster's administrator. */
async function applyToCluster(endpoint: string, objects: typeof latticeWorkloads) {
  for (const object of objects) {
    const path =
      object.kind === 'Namespace' ? '/api/v1/namespaces' : '/apis/apps/v1/namespaces/shop/deployments';
    const response = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${localAdminToken}` },
      body: JSON.stringify(object),
    });
    expect(response.status).toBe(201);
  }
}

const corpus = (path: string) => readFileSync(join(corpusDir, path), 'utf8');
/** A manifest without the documents of one kind. */
const without = (manifest: string, kind: string) =>
  manifest
    .split(/^---$/m)
    .filter((doc) => !new RegExp(`^kind: ${kind}$`, 'm').test(doc))
    .join('---');

/**
 * IAM that cannot drift from the code: the real functions run a day of work against the local world
 * (pushes that create, update and prune every App Mesh kind, pods followed into Cloud Map, a scheduled
 * drift check), every AWS call they make is recorded, and each call is evaluated against the policy
 * infra synthesizes for that function, for the same target, with a real IAM policy evaluator.
 * A new provider extends it by running its target through the same scenario: its SDK client's calls are
 * recorded without changes here (add its IAM prefix in iam/record-aws-calls.ts if missing, and an input
 * alias in iam/call-resources.ts where an ARN variable is named otherwise in the input).
 */
describe.runIf(hasShared())('the synthesized IAM policies against the calls the functions make', () => {
  let calls: AwsCall[] = [];
  let app: SynthResult;
  let target: Target;
  let latticeTarget: Target;

  beforeAll(async () => {
    let cloudmap: CloudMapEmulatorHandle | undefined;
    let kube: Awaited<ReturnType<typeof startKubeEmulator>> | undefined;
    let appmesh: Awaited<ReturnType<typeof startAppMeshEmulator>> | undefined;
    let lattice: Awaited<ReturnType<typeof startLatticeEmulator>> | undefined;
    const stack = await startLocalStack({
      services: {
        appmesh: async () => (appmesh = await startAppMeshEmulator()),
        lattice: async () => (lattice = await startLatticeEmulator()),
        kube: async () => (kube = await startKubeEmulator({ eks: localEksMode(localTarget(synthAccount)) })),
        cloudmap: async () => (cloudmap = await startCloudMapEmulator()),
      },
    });
    const repository = await stack.git.createRepo('mesh-config');
    target = {
      ...localTarget(synthAccount, repository),
      cloudMap: { createNamespaces: { vpc: 'vpc-local' } },
    };
    // The same cluster, its `shop` namespace reconciled into VPC Lattice from a repository of its own.
    latticeTarget = {
      ...localTarget(synthAccount, await stack.git.createRepo('shop-config'), 'lattice'),
      id: 'shop-lattice',
      lattice: { vpcId: localVpcId, authType: 'NONE' },
    };
    // Synthesized before the local functions run: both set up process-wide state (globals, environment).
    app = await synthesize({
      SST_SECRET_GithubWebhookSecret: 'github-secret',
      SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
      MESHCD_TARGETS: JSON.stringify([target, latticeTarget]),
    });
    const pipeline = await startLocalPipeline({
      appmesh: appmesh!.endpoint,
      cloudmap: cloudmap!.endpoint,
      lattice: lattice!.endpoint,
      dynamodb: stack.endpoints.dynamodb!,
      kube: kube!.endpoint,
      eks: true,
      targets: [target, latticeTarget],
      webhookSecret: 'secret',
      tableName: localTableName,
    });
    const unbridge = bridgePodEvents(kube!, pipeline.eventBus.bus, 'local');
    const recording = recordAwsCalls();
    try {
      const push = async (files: Record<string, string>, to = target) => {
        const repo = to.source.repository
          .split('/')
          .at(-1)!
          .replace(/\.git$/, '');
        const revision = await stack.git.commit(repo, { files, replaceAll: true });
        const response = await deliver(
          pipeline.webhook,
          gitHubPush({ cloneUrl: to.source.repository, revision }),
          'secret',
        );
        expect(response.status).toBe(202);
        await pipeline.eventBus.bus.drain();
      };
      const pools = corpus('howto-k8s-connection-pools/v1beta2-manifest.yaml');
      const cloudMap = corpus('howto-k8s-cloudmap/v1beta2-manifest.yaml');
      // Creates every kind, Cloud Map services and a namespace for them.
      await push({ 'pools.yaml': pools, 'cloudmap.yaml': cloudMap });
      // Updates one gateway's connection pool and prunes the gateway route.
      await push({
        'pools.yaml': without(pools, 'GatewayRoute').replace('maxConnections: 5', 'maxConnections: 6'),
        'cloudmap.yaml': cloudMap,
      });
      // Pods come and go: the cluster-event function registers and deregisters them.
      await fetch(
        `${kube!.endpoint}/apis/apps/v1/namespaces/howto-k8s-cloudmap/deployments/colorapp-red/scale`,
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { replicas: 2 } }),
        },
      );
      await pipeline.eventBus.bus.drain();
      // The Lattice target: its workloads run in the cluster; a push creates the Lattice resources and
      // registers their pods, a weight change updates a rule, a scale-up registers the new pod from its
      // event, a scale-down deregisters it, and a node removed from Git is pruned (its targets deregistered, then its group deleted).
      await applyToCluster(kube!.endpoint, latticeWorkloads);
      await push({ 'shop.yaml': shopManifest(90) }, latticeTarget);
      await push({ 'shop.yaml': shopManifest(50) }, latticeTarget);
      for (const replicas of [2, 1]) {
        const scaled = await fetch(`${kube!.endpoint}/apis/apps/v1/namespaces/shop/deployments/blue/scale`, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/merge-patch+json',
            authorization: `Bearer ${localAdminToken}`,
          },
          body: JSON.stringify({ spec: { replicas } }),
        });
        expect(scaled.status).toBe(200);
        await pipeline.eventBus.bus.drain();
      }
      await push({ 'shop.yaml': shopManifest(100) }, latticeTarget);
      // EventBridge Scheduler's drift check.
      pipeline.eventBus.bus.put({
        Source: eventSources.scheduler,
        DetailType: detailTypes.scheduledCheck,
        Detail: JSON.stringify({ schemaVersion, check: 'drift', scheduleName: 'drift-check' }),
      });
      await pipeline.eventBus.bus.drain();
      expect(pipeline.eventBus.bus.deadLetters).toEqual([]);
      const outcomes = pipeline.eventBus.bus.published.filter((e) => e.source === 'meshcd.reconciler');
      expect(outcomes.map((e) => e['detail-type'])).not.toContain('Reconcile Failed');
    } finally {
      calls = await recording.stop();
      unbridge();
      await pipeline.close();
      await stack.close();
    }
  }, 1_200_000);

  const { statementsOf } = recorded(() => app);

  it('records calls of every function', () => {
    expect(new Set(calls.map((c) => c.fn))).toEqual(new Set(Object.keys(deployedName)));
  });

  it.each(Object.entries(deployedName))(
    '%s: every call allowed, every grant used, nothing over-broad',
    async (local, name) => {
      const deployment = {
        partition: 'aws',
        account: synthAccount,
        region: synthRegion,
        names: {
          TableName: tableArn()
            .split(':')
            .at(-1)!
            .replace(/^table\//, ''),
          EventBusName: busArn()
            .split(':')
            .at(-1)!
            .replace(/^event-bus\//, ''),
        },
      };
      const findings = await checkGrants(
        name,
        { roleArn: roleArn(name), statements: statementsOf(name) },
        calls.filter((c) => c.fn === local),
        target.accountId,
        deployment,
      );
      // Every call the function made is allowed by its policy.
      expect(findings.filter((f) => f.kind === 'missing').map((f) => f.text)).toEqual([]);
      // Every grant is used, or listed with its reason; a listed gap that is gone must leave the list.
      const gaps = knownGaps[name] ?? {};
      expect(findings.filter((f) => f.kind !== 'missing' && !gaps[f.action]).map((f) => f.text)).toEqual([]);
      expect(Object.keys(gaps).filter((action) => !findings.some((f) => f.action === action))).toEqual([]);
    },
  );
});
