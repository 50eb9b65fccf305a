import { type ClusterApi, injectorOptions, type WorkloadChecker, workloadChecker } from '@meshcd/core';
import {
  type KubeCall,
  type KubeEmulatorHandle,
  type ResourceType,
  startKubeEmulator,
} from '@meshcd/emulators';
import { buildKubeConfig, createClusterApi } from '@meshcd/kube';
import { type EngineWorld, startEngineWorld } from '../engine/world.ts';

/** An engine world (App Mesh emulator, memory store, target) plus a Kubernetes emulator and a ClusterApi on it. */
export interface ClusterWorld extends EngineWorld {
  kube: KubeEmulatorHandle;
  cluster: ClusterApi & WorkloadChecker;
}

/** RBAC, which every real cluster serves and the emulator leaves to its callers. */
export const rbacResources: ResourceType[] = [
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
];

export async function startClusterWorld(
  options: { kube?: Parameters<typeof startKubeEmulator>[0] } = {},
): Promise<ClusterWorld> {
  const engine = await startEngineWorld();
  const kube = await startKubeEmulator({ extraResources: rbacResources, ...options.kube });
  const api = createClusterApi({ kubeConfig: buildKubeConfig({ endpoint: kube.endpoint, token: 'test' }) });
  // The port and the targeted workload check a cluster event runs over it.
  const cluster = {
    ...api,
    ...workloadChecker(api, {
      targetId: engine.target.id,
      state: engine.state,
      injector: injectorOptions(engine.target),
    }),
  };
  return {
    ...engine,
    kube,
    cluster,
    close: async () => {
      await kube.close();
      await engine.close();
    },
  };
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const kubeWrites = (kube: KubeEmulatorHandle): KubeCall[] =>
  kube.calls.filter((c) => writeMethods.has(c.method));
