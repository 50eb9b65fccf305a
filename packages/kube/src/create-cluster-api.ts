import {
  ApiException,
  CoreV1Api,
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { ClusterApi } from '@meshcd/core';
import type { KubeLiveObject, KubeObjectRef } from '@meshcd/core/ports';
import { clusterApiError, isNotFound } from './cluster-api-error.ts';

/** The port's own types, as its methods take and return them. */

export interface ClusterApiOptions {
  kubeConfig: KubeConfig;
  /**
   * Replaces the credential after the API server answered 401 (an EKS token it no longer accepts); the
   * refused call is then retried once. Without it a 401 is final.
   */
  renewCredentials?: () => Promise<void>;
}

const controllerName = 'appmesh-controller';

/** Plain JSON: client-node turns timestamps into Dates, which the core's comparisons and the inventory do not want. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const header = (ref: KubeObjectRef) => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
});

const describeRef = (ref: KubeObjectRef) =>
  `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;

/** The ClusterApi port over @kubernetes/client-node's generic object client. */
export function createClusterApi(options: ClusterApiOptions): ClusterApi {
  const client = renewingOn401(
    KubernetesObjectApi.makeApiClient(options.kubeConfig),
    options.renewCredentials,
  );
  const core = options.kubeConfig.makeApiClient(CoreV1Api);

  const api: ClusterApi = {
    async listNamespaces() {
      try {
        const list = await client.list('v1', 'Namespace');
        return list.items.map((n) => ({
          name: n.metadata?.name ?? '',
          labels: { ...(n.metadata?.labels ?? {}) },
        }));
      } catch (error) {
        throw clusterApiError('list namespaces', error);
      }
    },

    async get(ref) {
      try {
        return plain((await client.read(header(ref))) as KubeLiveObject);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw clusterApiError(`get ${describeRef(ref)}`, error);
      }
    },

    async list(query) {
      const items: KubeLiveObject[] = [];
      let continueToken: string | undefined;
      try {
        do {
          const page = await client.list(
            query.apiVersion,
            query.kind,
            query.namespace,
            undefined,
            undefined,
            undefined,
            undefined,
            query.labelSelector,
            500,
            continueToken,
          );
          // A list's items carry no apiVersion and kind of their own.
          for (const item of page.items)
            items.push(plain({ ...item, apiVersion: query.apiVersion, kind: query.kind }) as KubeLiveObject);
          continueToken = page.metadata?._continue || undefined;
        } while (continueToken);
      } catch (error) {
        throw clusterApiError(`list ${query.kind}${query.namespace ? ` in ${query.namespace}` : ''}`, error);
      }
      return items;
    },

    async apply(body, { fieldManager, dryRun }) {
      const ref = header(body as unknown as KubeObjectRef & { metadata: { name: string } });
      try {
        const applied = await client.patch(
          body as never,
          undefined,
          dryRun ? 'All' : undefined,
          fieldManager,
          true,
          PatchStrategy.ServerSideApply,
        );
        return plain(applied as KubeLiveObject);
      } catch (error) {
        throw clusterApiError(
          `${dryRun ? 'dry-run apply' : 'apply'} ${ref.kind} ${JSON.stringify(ref.metadata)} as ${fieldManager}`,
          error,
        );
      }
    },

    async delete(ref) {
      try {
        await client.delete(header(ref), undefined, undefined, undefined, undefined, 'Background');
      } catch (error) {
        if (isNotFound(error)) return;
        throw clusterApiError(`delete ${describeRef(ref)}`, error);
      }
    },

    async setPodCondition(pod, condition) {
      // A strategic merge patch merges conditions by type, so other conditions stay as they are.
      const body = {
        status: {
          conditions: [
            { ...condition, lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
          ],
        },
      };
      try {
        await core.patchNamespacedPodStatus(
          { name: pod.name, namespace: pod.namespace, body },
          setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
        );
      } catch (error) {
        if (isNotFound(error)) return;
        throw clusterApiError(`set condition ${condition.type} of Pod ${pod.namespace}/${pod.name}`, error);
      }
    },

    async detectMeshController() {
      // By name, as the Helm chart installs it; any namespace.
      const found = await client
        .list(
          'apps/v1',
          'Deployment',
          undefined,
          undefined,
          undefined,
          undefined,
          `metadata.name=${controllerName}`,
        )
        .catch((error: unknown) => {
          throw clusterApiError('look for an appmesh-controller', error);
        });
      const controller = found.items[0]?.metadata;
      return controller ? `Deployment ${controller.namespace}/${controller.name}` : undefined;
    },
  };
  return api;
}

const isUnauthorized = (error: unknown) => error instanceof ApiException && error.code === 401;

/**
 * The client with every call retried once after renewing the credential when the server answers 401.
 * Once only: a second 401 means the identity itself is refused (no access entry), which no token fixes.
 */
function renewingOn401(client: KubernetesObjectApi, renew?: () => Promise<void>): KubernetesObjectApi {
  if (!renew) return client;
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (!isUnauthorized(error)) throw error;
          await renew();
          return await value.apply(target, args);
        }
      };
    },
  });
}
