import {
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { createMeshApi } from '@meshcd/appmesh';
import { reconcile } from '@meshcd/core';
import { type AppMeshEmulatorHandle, appMeshClientFor, startAppMeshEmulator } from '@meshcd/emulators';
import { lambdaHandler } from '@meshcd/runtime';
import { testContext, testKit } from '@meshcd/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDriftEvent } from './detect-drift.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let appMesh: AppMeshEmulatorHandle;
beforeAll(async () => {
  appMesh = await startAppMeshEmulator();
});
afterAll(() => appMesh?.close());

const reconcileRole = 'arn:aws:iam::111122223333:role/meshcd-test-ReconcileRole-a1b2c3';
const revision = 'c'.repeat(40);
let worlds = 0;

const files = (meshName: string) => [
  {
    path: 'mesh.yaml',
    content: `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: ${meshName} }
spec:
  namespaceSelector: { matchLabels: { mesh: ${meshName} } }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: ${meshName} } }
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: cart, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 8080, protocol: http } }]
  serviceDiscovery: { dns: { hostname: cart.shop } }
`,
  },
];

/** The deployed handler on a test kit whose App Mesh is the emulator, with one mesh applied by meshcd. */
async function deployed() {
  const meshName = `fn-drift-${++worlds}`;
  const target = {
    id: `target-${worlds}`,
    source: { repository: `https://git.example/mesh-${worlds}.git`, branch: 'main' },
    accountId: appMesh.accountId,
    region: appMesh.region,
  };
  const mesh = createMeshApi({ client: appMeshClientFor(appMesh, { maxAttempts: 1 }), readRate: 10_000 });
  const { kit, bus, state } = testKit(
    {
      MESHCD_TARGETS: JSON.stringify([target]),
      MESHCD_OWN_ROLE_ARNS: JSON.stringify([reconcileRole]),
      MESHCD_APPMESH_ENDPOINT: appMesh.endpoint,
    },
    { meshApiFor: async () => mesh },
  );
  const [parsedTarget] = await kit.ports.targets();
  const applied = await reconcile({
    target: parsedTarget!,
    revision,
    files: files(meshName),
    mode: 'apply',
    mesh,
    state,
    runId: 'apply',
    now: () => new Date(),
  });
  expect(applied.status).toBe('succeeded');
  const sdk = appMeshClientFor(appMesh);
  const moveCartPort = async () => {
    const node = await sdk.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'cart_shop' }));
    const spec = node.virtualNode!.spec as VirtualNodeSpec;
    spec.listeners![0]!.portMapping!.port = 9999;
    await sdk.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: 'cart_shop', spec }));
  };
  const envelope = (source: string, detailType: string, detail: unknown) => ({
    version: '0',
    id: `event-${worlds}`,
    'detail-type': detailType,
    source,
    account: appMesh.accountId,
    time: '2026-03-05T16:45:03Z',
    region: appMesh.region,
    resources: [],
    detail,
  });
  const scheduledCheck = (check = 'drift') =>
    envelope('meshcd.scheduler', 'Scheduled Check', { schemaVersion: '1', check });
  const cloudTrail = (userIdentity: Record<string, unknown>) =>
    envelope('aws.appmesh', 'AWS API Call via CloudTrail', {
      eventVersion: '1.08',
      userIdentity: { type: 'AssumedRole', accountId: appMesh.accountId, ...userIdentity },
      eventTime: '2026-03-05T16:44:58Z',
      eventSource: 'appmesh.amazonaws.com',
      eventName: 'UpdateVirtualNode',
      awsRegion: appMesh.region,
      eventID: `trail-${worlds}`,
      recipientAccountId: appMesh.accountId,
      requestParameters: { meshName, virtualNodeName: 'cart_shop' },
    });
  const handler = lambdaHandler(detectDriftEvent, () => kit);
  return { handler, bus, state, target, moveCartPort, scheduledCheck, cloudTrail };
}

describe('detect-drift handler', () => {
  it('announces drift found by a scheduled check, and not again on the next one', async () => {
    const { handler, bus, moveCartPort, scheduledCheck, target } = await deployed();
    await moveCartPort();
    await handler(scheduledCheck() as never, testContext);
    await handler(scheduledCheck() as never, testContext);
    expect(bus.events).toMatchObject([
      { detailType: 'Drift Detected', detail: { targetId: target.id, summary: { Modified: 1 } } },
    ]);
  });

  it('checks the resource a CloudTrail event names when someone else changed it', async () => {
    const { handler, bus, moveCartPort, scheduledCheck, cloudTrail } = await deployed();
    await handler(scheduledCheck() as never, testContext);
    await moveCartPort();
    appMesh.resetCalls();
    await handler(
      cloudTrail({ arn: `arn:aws:sts::${appMesh.accountId}:assumed-role/Admin/alice` }) as never,
      testContext,
    );
    expect(appMesh.calls.map((c) => c.operation)).toEqual(['DescribeVirtualNode', 'ListTagsForResource']);
    expect(bus.events.map((e) => e.detailType)).toEqual(['Drift Detected']);
  });

  it('ignores the App Mesh writes of the roles configured as meshcd’s own', async () => {
    const { handler, bus, moveCartPort, scheduledCheck, cloudTrail } = await deployed();
    await handler(scheduledCheck() as never, testContext);
    await moveCartPort();
    appMesh.resetCalls();
    await handler(
      cloudTrail({
        arn: 'arn:aws:sts::111122223333:assumed-role/meshcd-test-ReconcileRole-a1b2c3/meshcd-test-Reconcile',
        sessionContext: { sessionIssuer: { type: 'Role', arn: reconcileRole } },
      }) as never,
      testContext,
    );
    expect(appMesh.calls).toEqual([]);
    expect(bus.events).toEqual([]);
  });

  it('publishes a continuation for a stuck revision on a scheduled reconcile check, without observing App Mesh', async () => {
    const { handler, bus, state, scheduledCheck, target } = await deployed();
    await state.acquireLease(target.id, 'event:crashed', { revision: 'd'.repeat(40), order: 7 }, 0, 1);
    appMesh.resetCalls();
    await handler(scheduledCheck('reconcile') as never, testContext);
    expect(appMesh.calls).toEqual([]);
    expect(bus.events).toMatchObject([
      {
        source: 'meshcd.git',
        detailType: 'Git Push',
        detail: { repository: target.source.repository, revision: 'd'.repeat(40), order: 7 },
      },
    ]);
  });

  it('reports a malformed scheduled check without retrying it', async () => {
    const { handler, bus, scheduledCheck } = await deployed();
    const malformed = { ...scheduledCheck(), detail: { schemaVersion: '1', check: 'everything' } };
    await expect(handler(malformed as never, testContext)).resolves.toBeUndefined();
    expect(bus.events).toEqual([]);
  });
});
