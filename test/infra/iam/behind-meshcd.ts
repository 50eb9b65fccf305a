import { randomUUID } from 'node:crypto';
import {
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  ListVirtualNodesCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import {
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListServicesCommand,
  type ServiceDiscoveryClient,
} from '@aws-sdk/client-servicediscovery';
import { localAdminToken } from '@meshcd/cli';
import { appMeshClientFor, cloudMapClientFor } from '@meshcd/emulators';
import { createDynamoStateStore } from '@meshcd/state';
import { localDynamoClient } from '../../../packages/cli/src/world/open-local-world.ts';

/**
 * What others do to a target's world between meshcd's runs, so the functions meet what they meet on
 * AWS: a resource changed by hand, a record lost, Cloud Map emptied, a pod that stops being ready.
 * Every call here is the test's own (outside any function invocation), so none of it is recorded.
 */

/** A virtual node someone changed: what CloudTrail says of the call. */
export interface ChangedVirtualNode {
  meshName: string;
  virtualNodeName: string;
  arn: string;
}

/** Someone changes one of meshcd's virtual nodes by hand: its logging now goes elsewhere. */
export async function changeVirtualNodeBehindMeshcd(
  appmesh: { endpoint: string },
  target: { accountId: string; region: string },
  meshName: string,
): Promise<ChangedVirtualNode> {
  const client = appMeshClientFor({ ...appmesh, ...target });
  try {
    const meshes = (await client.send(new ListMeshesCommand({}))).meshes ?? [];
    if (!meshes.some((m) => m.meshName === meshName)) throw new Error(`no mesh ${meshName} to change`);
    const [node] = (await client.send(new ListVirtualNodesCommand({ meshName }))).virtualNodes ?? [];
    if (!node?.virtualNodeName) throw new Error(`no virtual node in ${meshName} to change`);
    const { virtualNode } = await client.send(
      new DescribeVirtualNodeCommand({ meshName, virtualNodeName: node.virtualNodeName }),
    );
    const updated = await client.send(
      new UpdateVirtualNodeCommand({
        meshName,
        virtualNodeName: node.virtualNodeName,
        spec: { ...virtualNode?.spec, logging: { accessLog: { file: { path: '/dev/out-of-band' } } } },
      }),
    );
    return { meshName, virtualNodeName: node.virtualNodeName, arn: updated.virtualNode?.metadata?.arn ?? '' };
  } finally {
    client.destroy();
  }
}

/** The event CloudTrail puts on the default bus for that change, made by someone's own session. */
export const cloudTrailAppMeshCall = (
  target: { accountId: string; region: string },
  changed: ChangedVirtualNode,
) => ({
  Source: 'aws.appmesh',
  DetailType: 'AWS API Call via CloudTrail',
  Detail: JSON.stringify({
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${target.accountId}:assumed-role/Admin/someone@example.com`,
      accountId: target.accountId,
    },
    eventTime: new Date().toISOString(),
    eventSource: 'appmesh.amazonaws.com',
    eventName: 'UpdateVirtualNode',
    eventID: randomUUID(),
    readOnly: false,
    recipientAccountId: target.accountId,
    awsRegion: target.region,
    requestParameters: { meshName: changed.meshName, virtualNodeName: changed.virtualNodeName },
    responseElements: {
      virtualNode: {
        meshName: changed.meshName,
        virtualNodeName: changed.virtualNodeName,
        metadata: { arn: changed.arn },
      },
    },
  }),
});

/**
 * meshcd's record of one resource of a kind is lost, as when a function stops between a create and its
 * record: the next run finds the resource unrecorded and reads its tags to know it is meshcd's.
 */
export async function forgetInventoryEntry(
  dynamodb: string,
  tableName: string,
  targetId: string,
  kind: string,
): Promise<void> {
  const client = localDynamoClient(dynamodb);
  try {
    const store = createDynamoStateStore({ client, tableName });
    const entry = (await store.listInventory(targetId)).find((e) => e.kind === kind);
    if (!entry) throw new Error(`target ${targetId} has no ${kind} in its inventory to forget`);
    await store.deleteInventory(targetId, entry.key);
  } finally {
    client.destroy();
  }
}

async function settled(client: ServiceDiscoveryClient, operationId: string | undefined): Promise<void> {
  for (let i = 0; operationId && i < 100; i++) {
    const { Operation } = await client.send(new GetOperationCommand({ OperationId: operationId }));
    if (Operation?.Status === 'SUCCESS') return;
    if (Operation?.Status === 'FAIL')
      throw new Error(`Cloud Map operation failed: ${Operation.ErrorMessage}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Someone empties and deletes a Cloud Map namespace meshcd registers pods in: the next function that syncs
 * its nodes creates the namespace and the services again and registers the pods.
 */
export async function deleteCloudMapNamespace(
  cloudmap: { endpoint: string; region: string },
  accountId: string,
  name: string,
): Promise<void> {
  const client = cloudMapClientFor(cloudmap, accountId);
  try {
    const namespaces = await client.send(
      new ListNamespacesCommand({ Filters: [{ Name: 'NAME', Values: [name], Condition: 'EQ' }] }),
    );
    const namespace = namespaces.Namespaces?.find((n) => n.Name === name);
    if (!namespace?.Id) throw new Error(`no Cloud Map namespace ${name} to delete`);
    const services = await client.send(
      new ListServicesCommand({
        Filters: [{ Name: 'NAMESPACE_ID', Values: [namespace.Id], Condition: 'EQ' }],
      }),
    );
    for (const service of services.Services ?? []) {
      const instances = await client.send(new ListInstancesCommand({ ServiceId: service.Id }));
      for (const instance of instances.Instances ?? []) {
        const { OperationId } = await client.send(
          new DeregisterInstanceCommand({ ServiceId: service.Id, InstanceId: instance.Id }),
        );
        await settled(client, OperationId);
      }
      await client.send(new DeleteServiceCommand({ Id: service.Id }));
    }
    await settled(client, (await client.send(new DeleteNamespaceCommand({ Id: namespace.Id }))).OperationId);
  } finally {
    client.destroy();
  }
}

const adminHeaders = { authorization: `Bearer ${localAdminToken}` };

/** A deployment's pods stop (or start again) being ready, as if their readiness probe failed. */
export async function setPodsReady(
  kube: string,
  namespace: string,
  labelSelector: string,
  ready: boolean,
): Promise<void> {
  const headers = adminHeaders;
  const listed = await fetch(
    `${kube}/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(labelSelector)}`,
    { headers },
  );
  const pods = ((await listed.json()) as { items: { metadata: { name: string } }[] }).items;
  if (pods.length === 0) throw new Error(`no pods ${labelSelector} in ${namespace}`);
  for (const pod of pods) {
    const patched = await fetch(`${kube}/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { annotations: { 'local.meshcd.io/ready': String(ready) } } }),
    });
    if (patched.status !== 200) throw new Error(`pod ${pod.metadata.name}: ${patched.status}`);
  }
}

/**
 * Scales a deployment as `kubectl scale` would, as the cluster's administrator, and waits until that many
 * of its pods run (by the selector the scale subresource answers).
 */
export async function scale(kube: string, namespace: string, deployment: string, replicas: number) {
  const response = await fetch(
    `${kube}/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}/scale`,
    {
      method: 'PATCH',
      headers: { ...adminHeaders, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas } }),
    },
  );
  if (response.status !== 200) throw new Error(`scale ${deployment}: ${response.status}`);
  const { status } = (await response.json()) as { status: { selector: string } };
  await waitForPods(kube, namespace, status.selector, replicas);
}

interface PodItem {
  metadata: { name: string; deletionTimestamp?: string };
  status?: { podIP?: string };
}

/**
 * Waits until a selector picks exactly `count` running pods, each with its IP: what a function that misses
 * the pod events (a drift check's resync) then finds. Polls the API as `kubectl wait` would.
 */
export async function waitForPods(kube: string, namespace: string, labelSelector: string, count: number) {
  const url = `${kube}/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(labelSelector)}`;
  let pods: PodItem[] = [];
  for (let attempt = 0; attempt < 500; attempt++) {
    pods = ((await (await fetch(url, { headers: adminHeaders })).json()) as { items: PodItem[] }).items;
    const running = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.podIP);
    if (running.length === count && pods.length === count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${labelSelector} in ${namespace}: ${pods.length} pods, not ${count} running`);
}

/** Deletes the pods a selector picks, as `kubectl delete pod` would: their ReplicaSet makes new ones. */
export async function deletePods(kube: string, namespace: string, labelSelector: string) {
  const base = `${kube}/api/v1/namespaces/${namespace}/pods`;
  const listed = await fetch(`${base}?labelSelector=${encodeURIComponent(labelSelector)}`, {
    headers: adminHeaders,
  });
  const pods = ((await listed.json()) as { items: PodItem[] }).items;
  if (pods.length === 0) throw new Error(`no pods ${labelSelector} in ${namespace}`);
  for (const pod of pods) {
    const response = await fetch(`${base}/${pod.metadata.name}`, { method: 'DELETE', headers: adminHeaders });
    if (response.status !== 200) throw new Error(`delete pod ${pod.metadata.name}: ${response.status}`);
  }
}
