import {
  type CloudMapApi,
  type ClusterApi,
  type LatticeApi,
  type MeshApi,
  MeshcdError,
  type StateStore,
} from '@meshcd/core';

export const refusal = (operation: string) =>
  new MeshcdError({
    phase: 'record',
    reason: 'read-only',
    message: `${operation}: a deployed target is read-only from the command line; writes happen in the deployed functions`,
  });

/**
 * Lets through the named read methods and refuses every other method before it leaves the machine. An
 * allow-list, not a deny-list: a write method added to a port later is refused too, never let through.
 * `failed` turns a read's failure into the user's terms (a missing permission, say).
 */
function readOnly<T extends object>(
  port: T,
  reads: ReadonlySet<string>,
  skipped: ReadonlySet<string>,
  failed?: (error: unknown) => Promise<unknown>,
): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (reads.has(property) && failed) {
        return (...args: unknown[]) =>
          (value.apply(target, args) as Promise<unknown>).catch(async (error: unknown) => {
            throw await failed(error);
          });
      }
      if (reads.has(property)) return value.bind(target);
      if (skipped.has(property)) return async () => undefined;
      return () => Promise.reject(refusal(property));
    },
  });
}

const meshReads = new Set(['listMeshes', 'listMeshResources', 'describe', 'listTags']);

/**
 * A deployed target's App Mesh as the command line sees it: reads go through, writes are refused. plan
 * and drift never write, so a refusal here is a defect shown loudly rather than a change made from a laptop.
 */
export const readOnlyMeshApi = (api: MeshApi): MeshApi => readOnly(api, meshReads, new Set());

const clusterReads = new Set(['listNamespaces', 'get', 'list', 'detectMeshController']);

/**
 * A deployed target's cluster as the command line sees it: reads go through; apply (dry runs included,
 * which need write access), delete and pod conditions are refused.
 */
export const readOnlyClusterApi = (api: ClusterApi): ClusterApi => readOnly(api, clusterReads, new Set());

const cloudMapReads = new Set(['findNamespace', 'findService', 'listTags', 'listInstances', 'health']);

/** A deployed target's Cloud Map, read-only: drift compares its instances with the pods, nothing more. */
export const readOnlyCloudMapApi = (api: CloudMapApi): CloudMapApi => readOnly(api, cloudMapReads, new Set());

const latticeReads = new Set(['list', 'get', 'listTags', 'listTargets']);

/**
 * A deployed Lattice target's VPC Lattice as the command line sees it: lists, gets and tag and target reads go
 * through; creates, updates, deletes, tagging and target registration are refused. `failed` names what a
 * refused read lacked.
 */
export const readOnlyLatticeApi = (
  api: LatticeApi,
  failed?: (error: unknown) => Promise<unknown>,
): LatticeApi => readOnly(api, latticeReads, new Set(), failed);

const stateReads = new Set([
  'listInventory',
  'getInventory',
  'listRuns',
  'getLease',
  'getLastDriftReport',
  'listDriftHistory',
  'seenDelivery',
  'getTarget',
  'listTargets',
]);

/**
 * A deployed target's state table, read-only. A plan's run record is left out rather than refused: a
 * plan made on a laptop is not part of the target's history, and `meshcd status` would otherwise show
 * it as the target's latest run.
 */
export const readOnlyStateStore = <S extends StateStore>(store: S): S =>
  readOnly(store, stateReads, new Set(['recordRun']));
