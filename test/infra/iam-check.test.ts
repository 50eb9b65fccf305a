import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bridgePodEvents,
  type LocalFunctionName,
  localAdminToken,
  localEksMode,
  localFunctionRole,
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
  startServiceQuotasEmulator,
  startStsEmulator,
} from '@meshcd/emulators';
import { detailTypes, eventSources, schemaVersion } from '@meshcd/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { localVpcId } from '../../packages/cli/src/world/open-local-world.ts';
import { SHOP } from '../../packages/core/src/lattice/lattice-test-set.ts';
import { corpusDir, hasShared } from '../corpus/corpus.ts';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import { shopManifest } from '../lattice/shop-manifest.ts';
import {
  changeVirtualNodeBehindMeshcd,
  cloudTrailAppMeshCall,
  deleteCloudMapNamespace,
  deletePods,
  forgetInventoryEntry,
  scale,
  setPodsReady,
  waitForPods,
} from './iam/behind-meshcd.ts';
import { checkGrants } from './iam/check-grants.ts';
import {
  changeLatticeBehindMeshcd,
  createForeignTargetGroup,
  latticeSecurityGroups,
  leaveOldVpcAssociation,
  withHealthCheck,
} from './iam/lattice-behind-meshcd.ts';
import type { AwsCall } from './iam/record-aws-calls.ts';
import { recordAwsCalls } from './iam/record-aws-calls.ts';
import { latticeResourceTags } from './iam/resource-tags.ts';
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
/** A manifest without the App Mesh documents of some names (a node, its router and its service). */
const withoutNamed = (manifest: string, names: string[]) =>
  manifest
    .split(/^---$/m)
    .filter(
      (doc) =>
        !/^apiVersion: appmesh/m.test(doc) ||
        !names.some((name) => new RegExp(`^  name: ${name}$`, 'm').test(doc)),
    )
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
  /** A target in another account, reached through its role (sts:AssumeRole with the external id). */
  const foreignRole = {
    arn: 'arn:aws:iam::222222222222:role/meshcd-target',
    externalId: 'meshcd-iam-check-7f3a',
  };

  beforeAll(async () => {
    let cloudmap: CloudMapEmulatorHandle | undefined;
    let kube: Awaited<ReturnType<typeof startKubeEmulator>> | undefined;
    let appmesh: Awaited<ReturnType<typeof startAppMeshEmulator>> | undefined;
    let lattice: Awaited<ReturnType<typeof startLatticeEmulator>> | undefined;
    // Sessions STS issues act in their role's account in the other emulators.
    const accessKeys: Record<string, string> = {};
    const eksMode = localEksMode(localTarget(synthAccount));
    const stack = await startLocalStack({
      services: {
        appmesh: async () => (appmesh = await startAppMeshEmulator({ accessKeys })),
        lattice: async () => (lattice = await startLatticeEmulator()),
        kube: async () => (kube = await startKubeEmulator({ eks: eksMode })),
        cloudmap: async () => (cloudmap = await startCloudMapEmulator()),
      },
    });
    const repository = await stack.git.createRepo('mesh-config');
    target = {
      ...localTarget(synthAccount, repository),
      cloudMap: { createNamespaces: { vpc: 'vpc-local' } },
    };
    // The same cluster, its `shop` namespace reconciled into VPC Lattice from a repository of its own;
    // the scenario ends by removing all of it from Git.
    const shop = localTarget(synthAccount, await stack.git.createRepo('shop-config'), 'lattice');
    latticeTarget = {
      ...shop,
      id: 'shop-lattice',
      lattice: { vpcId: localVpcId, authType: 'NONE', securityGroupIds: [latticeSecurityGroups.meshcd] },
      policy: { ...shop.policy, pruneGuardRatio: 1 },
    };
    // App Mesh in another account, without a cluster: its role's trust policy names the functions' role
    // and requires the external id.
    const {
      cluster: _,
      cloudMap: __,
      ...away
    } = localTarget('222222222222', await stack.git.createRepo('away-config'));
    const foreignTarget: Target = { ...away, id: 'payments-away', role: foreignRole };
    const sts = await startStsEmulator({
      identities: eksMode.identities,
      accountId: synthAccount,
      roles: {
        [foreignRole.arn]: { trusted: [localFunctionRole(synthAccount)], externalId: foreignRole.externalId },
      },
      accessKeys,
    });
    // The drift check reads the account's App Mesh quotas there.
    const serviceQuotas = await startServiceQuotasEmulator({ accessKeys, accountId: synthAccount });
    // Synthesized before the local functions run: both set up process-wide state (globals, environment).
    app = await synthesize({
      SST_SECRET_GithubWebhookSecret: 'github-secret',
      SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
      MESHCD_TARGETS: JSON.stringify([target, latticeTarget, foreignTarget]),
    });
    const pipeline = await startLocalPipeline({
      appmesh: appmesh!.endpoint,
      cloudmap: cloudmap!.endpoint,
      lattice: lattice!.endpoint,
      dynamodb: stack.endpoints.dynamodb!,
      kube: kube!.endpoint,
      eks: true,
      targets: [target, latticeTarget, foreignTarget],
      sts: sts.endpoint,
      serviceQuotas: serviceQuotas.endpoint,
      webhookSecret: 'secret',
      tableName: localTableName,
    });
    let unbridge = bridgePodEvents(kube!, pipeline.eventBus.bus, 'local');
    const recording = recordAwsCalls({
      resourceTags: latticeResourceTags(lattice!),
      roleOf: (key) => sts.roleOf(key),
    });
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
      const cloudMapNamespace = 'howto-k8s-cloudmap.pvt.local';
      const kubeApi = kube!.endpoint;
      const drift = async () => {
        pipeline.eventBus.bus.put({
          Source: eventSources.scheduler,
          DetailType: detailTypes.scheduledCheck,
          Detail: JSON.stringify({ schemaVersion, check: 'drift', scheduleName: 'drift-check' }),
        });
        await pipeline.eventBus.bus.drain();
      };
      // Creates every kind, Cloud Map services and a namespace for them.
      await push({ 'pools.yaml': pools, 'cloudmap.yaml': cloudMap });
      // The other account's mesh, written with a session of its role.
      await push({ 'away.yaml': shopManifest(90) }, foreignTarget);
      // While pod events are not delivered, a pod stops being ready; someone changes a virtual node by
      // hand; meshcd loses its record of a virtual service. The next push reads the changed node
      // (Describe), the unrecorded service's tags, and reports the pod unhealthy to Cloud Map. It updates
      // a gateway's connection pool, prunes the gateway route, and the front node leaves Git with its
      // router and service: its instances are deregistered and its Cloud Map service, tagged as meshcd's,
      // deleted.
      unbridge();
      await setPodsReady(kubeApi, 'howto-k8s-cloudmap', 'app=colorapp,version=blue', false);
      await changeVirtualNodeBehindMeshcd(appmesh!, target, 'howto-k8s-connection-pools');
      await forgetInventoryEntry(stack.endpoints.dynamodb!, localTableName, target.id, 'VirtualService');
      await push({
        'pools.yaml': without(pools, 'GatewayRoute').replace('maxConnections: 5', 'maxConnections: 6'),
        'cloudmap.yaml': withoutNamed(cloudMap, ['front', 'front-router']),
      });
      unbridge = bridgePodEvents(kube!, pipeline.eventBus.bus, 'local');
      // Pods come and go: the cluster-event function reports health, registers and deregisters them, and
      // creates the namespace and service again when someone deleted them.
      await setPodsReady(kubeApi, 'howto-k8s-cloudmap', 'app=colorapp,version=blue', true);
      await pipeline.eventBus.bus.drain();
      await deleteCloudMapNamespace(cloudmap!, target.accountId, cloudMapNamespace);
      for (const replicas of [2, 1]) {
        await scale(kubeApi, 'howto-k8s-cloudmap', 'colorapp-red', replicas);
        await pipeline.eventBus.bus.drain();
      }
      await deletePods(kubeApi, 'howto-k8s-cloudmap', 'app=colorapp,version=blue');
      await waitForPods(kubeApi, 'howto-k8s-cloudmap', 'app=colorapp,version=blue', 1);
      await pipeline.eventBus.bus.drain();
      // The Lattice target: its workloads run in the cluster; a push creates the Lattice resources and
      // registers their pods, a weight change updates a rule, a scale-up registers the new pod from its
      // event, a scale-down deregisters it. Then changes made by hand are put back (and an unrecorded
      // group recognised by its tag), a node removed from Git is pruned (its targets deregistered, then
      // its group deleted), and a health check added in Git updates the other node's group.
      await applyToCluster(kubeApi, latticeWorkloads);
      await push({ 'shop.yaml': shopManifest(90) }, latticeTarget);
      await push({ 'shop.yaml': shopManifest(50) }, latticeTarget);
      for (const replicas of [2, 1]) {
        await scale(kubeApi, 'shop', 'blue', replicas);
        await pipeline.eventBus.bus.drain();
      }
      await changeLatticeBehindMeshcd(lattice!, latticeTarget);
      await createForeignTargetGroup(lattice!, latticeTarget, localVpcId);
      await forgetInventoryEntry(stack.endpoints.dynamodb!, localTableName, latticeTarget.id, 'TargetGroup');
      await push({ 'shop.yaml': withHealthCheck(shopManifest(100), 'blue') }, latticeTarget);
      // EventBridge Scheduler's drift checks. Pod events are lost meanwhile: pods gone and a pod no longer
      // ready are caught up by the check's resync; hand changes and lost records are read (Describe, Get,
      // tags) and reported. CloudTrail reports the hand change to a virtual node: a targeted check reads it
      // and its tags. Then someone deletes the Cloud Map namespace and a pod starts: the next check's
      // resync creates the namespace again and registers the new pod.
      for (const [namespace, deployment] of [
        ['howto-k8s-cloudmap', 'colorapp-red'],
        ['shop', 'blue'],
      ] as const) {
        await scale(kubeApi, namespace, deployment, 2);
        await pipeline.eventBus.bus.drain();
      }
      unbridge();
      await scale(kubeApi, 'howto-k8s-cloudmap', 'colorapp-red', 1);
      await scale(kubeApi, 'shop', 'blue', 1);
      await setPodsReady(kubeApi, 'howto-k8s-cloudmap', 'app=colorapp,version=blue', false);
      const changed = await changeVirtualNodeBehindMeshcd(appmesh!, target, 'howto-k8s-connection-pools');
      await forgetInventoryEntry(stack.endpoints.dynamodb!, localTableName, target.id, 'VirtualNode');
      await changeLatticeBehindMeshcd(lattice!, latticeTarget);
      await forgetInventoryEntry(stack.endpoints.dynamodb!, localTableName, latticeTarget.id, 'Listener');
      await drift();
      pipeline.eventBus.bus.put(cloudTrailAppMeshCall(target, changed));
      await pipeline.eventBus.bus.drain();
      await deleteCloudMapNamespace(cloudmap!, target.accountId, cloudMapNamespace);
      await scale(kubeApi, 'shop', 'blue', 2);
      await drift();
      // A VPC association left from before the target moved VPC: tagged as meshcd's, out of Git, deleted.
      await leaveOldVpcAssociation(lattice!, latticeTarget, 'vpc-0a1b2c3d4e5f60789');
      // All but the mesh leaves Git: the service, its listener, rule and association and the groups are
      // deleted. (Deleting the service network itself takes `--allow-prune` on the command line.)
      await push({ 'shop.yaml': SHOP }, latticeTarget);
      expect(pipeline.eventBus.bus.deadLetters).toEqual([]);
      const outcomes = pipeline.eventBus.bus.published.filter((e) => e.source === 'meshcd.reconciler');
      expect(
        outcomes.filter((e) => e['detail-type'] === 'Reconcile Failed').map((e) => JSON.stringify(e.detail)),
      ).toEqual([]);
    } finally {
      calls = await recording.stop();
      unbridge();
      await pipeline.close();
      await sts.close();
      await serviceQuotas.close();
      await stack.close();
    }
  }, 1_200_000);

  const { statementsOf } = recorded(() => app);

  it('records calls of every function', () => {
    expect(new Set(calls.map((c) => c.fn))).toEqual(new Set(Object.keys(deployedName)));
  });

  /** Where the local calls land when deployed: the synthesized account, region, table and bus. */
  const deployment = () => ({
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
  });
  /**
   * The other account's role trusts the functions' roles when they pass the external id, as the README
   * tells its owner to write the trust policy.
   */
  const trustPolicyOf = (resource: string) =>
    resource === foreignRole.arn
      ? {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: ['Reconcile', 'DetectDrift', 'ClusterEvent'].map(roleArn) },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': foreignRole.externalId } },
            },
          ],
        }
      : undefined;
  const check = (name: string, fnCalls: AwsCall[]) =>
    checkGrants(
      name,
      { roleArn: roleArn(name), statements: statementsOf(name) },
      fnCalls,
      target.accountId,
      deployment(),
      trustPolicyOf,
    );

  it.each(Object.entries(deployedName))(
    '%s: every call allowed, every grant used, nothing over-broad',
    async (local, name) => {
      const findings = await check(
        name,
        calls.filter((c) => c.fn === local && !c.role),
      );
      // Every call the function made is allowed by its policy.
      expect(findings.filter((f) => f.kind === 'missing').map((f) => f.text)).toEqual([]);
      // Every grant is used by some call, and none is broader than the calls need.
      expect(findings.filter((f) => f.kind !== 'missing').map((f) => f.text)).toEqual([]);
    },
  );

  it("reaches the other account's target only through its role, assumed with the external id", async () => {
    const assumed = calls.filter((c) => c.action === 'sts:AssumeRole');
    expect(new Set(assumed.map((c) => c.fn))).toEqual(new Set(['reconcile', 'detect-drift']));
    for (const c of assumed)
      expect(c.input).toMatchObject({ RoleArn: foreignRole.arn, ExternalId: foreignRole.externalId });
    const bySession = calls.filter((c) => c.role !== undefined);
    expect(new Set(bySession.map((c) => c.role))).toEqual(new Set([foreignRole.arn]));
    expect(new Set(bySession.map((c) => c.fn))).toEqual(new Set(['reconcile', 'detect-drift']));
    expect(bySession.map((c) => c.action)).toContain('appmesh:CreateVirtualNode');
    // The role's permissions are those the functions get for a target in their own account (README):
    // each session call is evaluated against the function's policy as if the target were there (the
    // check places target calls in the deployment's account).
    for (const [local, name] of Object.entries(deployedName)) {
      const findings = await check(
        name,
        bySession
          .filter((c) => c.fn === local)
          // Reads name the mesh's owner, the other account: here the deployment's, as for its own target.
          .map((c) => (c.input.meshOwner ? { ...c, input: { ...c.input, meshOwner: synthAccount } } : c)),
      );
      expect(findings.filter((f) => f.kind === 'missing').map((f) => f.text)).toEqual([]);
    }
  });

  it("refuses each Lattice update and delete the reconciler made, were the resource without meshcd's tag", async () => {
    const writes = calls.filter((c) => c.fn === 'reconcile' && /^vpc-lattice:(Update|Delete)/.test(c.action));
    expect(new Set(writes.map((c) => c.action.replace(/^vpc-lattice:(Update|Delete).*$/, '$1')))).toEqual(
      new Set(['Update', 'Delete']),
    );
    for (const call of writes) {
      // As recorded, the resource carried the tag and the call was allowed (the test above).
      expect(call.resourceTags?.['meshcd:target']).toBe(latticeTarget.id);
      const untagged = await check('Reconcile', [{ ...call, resourceTags: {} }]);
      expect(untagged.filter((f) => f.kind === 'missing').map((f) => f.action)).toEqual([call.action]);
      const otherTarget = await check('Reconcile', [{ ...call, resourceTags: { 'meshcd:target': 'other' } }]);
      expect(otherTarget.filter((f) => f.kind === 'missing').map((f) => f.action)).toEqual([call.action]);
    }
  });
});
