import type { CloudMapApi, ClusterApi, LatticeApi, MeshApi } from '@meshcd/core';
import { MemoryStateStore } from '@meshcd/state';
import { describe, expect, it } from 'vitest';
import {
  readOnlyCloudMapApi,
  readOnlyClusterApi,
  readOnlyLatticeApi,
  readOnlyMeshApi,
  readOnlyStateStore,
} from './read-only.ts';

describe('read-only ports of a deployed target', () => {
  it('lets App Mesh reads through and refuses every write before calling the API', async () => {
    const called: string[] = [];
    const record =
      (name: string) =>
      async (..._args: unknown[]) => {
        called.push(name);
        return [] as never;
      };
    const api = {
      listMeshes: record('listMeshes'),
      listMeshResources: record('listMeshResources'),
      describe: record('describe'),
      listTags: record('listTags'),
      tag: record('tag'),
      create: record('create'),
      update: record('update'),
      delete: record('delete'),
    } as unknown as MeshApi;
    const ro = readOnlyMeshApi(api);
    await ro.listMeshes();
    for (const write of [
      () => ro.create({} as never, {} as never),
      () => ro.delete({} as never),
      () => ro.tag('arn', {}),
    ]) {
      await expect(write()).rejects.toMatchObject({ phase: 'record', reason: 'read-only' });
    }
    expect(called).toEqual(['listMeshes']);
  });

  it('reads the state, leaves a plan run unrecorded, and refuses every other write, also ones added later', async () => {
    const store = new MemoryStateStore();
    await store.putInventory({ targetId: 't', key: 'k' } as never);
    const ro = readOnlyStateStore(store);
    expect(await ro.listInventory('t')).toHaveLength(1);
    await ro.recordRun({ targetId: 't', runId: 'r' } as never);
    expect(await store.listRuns('t')).toEqual([]);
    await expect(ro.putInventory({ targetId: 't', key: 'x' } as never)).rejects.toMatchObject({
      reason: 'read-only',
    });
    await expect(ro.acquireLease('t', 'h', { revision: 'r', order: 1 }, 0, 1)).rejects.toMatchObject({
      reason: 'read-only',
    });
    // A method the port does not list as a read (a write added later) is refused, never let through.
    const later = ro as unknown as { purgeEverything(): Promise<void> };
    (store as unknown as { purgeEverything(): Promise<void> }).purgeEverything = async () => {
      throw new Error('reached the store');
    };
    await expect(later.purgeEverything()).rejects.toMatchObject({ reason: 'read-only' });
  });

  it('lets cluster and Cloud Map reads through and refuses writes, server-side dry runs included', async () => {
    const called: string[] = [];
    const port = <T>(names: string[]) =>
      Object.fromEntries(
        names.map((name) => [
          name,
          async () => {
            called.push(name);
            return [];
          },
        ]),
      ) as T;
    const cluster = readOnlyClusterApi(
      port<ClusterApi>([
        'listNamespaces',
        'get',
        'list',
        'detectMeshController',
        'apply',
        'delete',
        'setPodCondition',
      ]),
    );
    await cluster.listNamespaces();
    await cluster.list({ apiVersion: 'v1', kind: 'Pod' });
    for (const write of [
      () => cluster.apply({}, { fieldManager: 'meshcd', dryRun: true }),
      () => cluster.delete({ apiVersion: 'v1', kind: 'Pod', name: 'p' }),
      () => cluster.setPodCondition({ namespace: 'n', name: 'p' }, { type: 't', status: 'True' }),
    ]) {
      await expect(write()).rejects.toMatchObject({ reason: 'read-only' });
    }
    const cloudMap = readOnlyCloudMapApi(
      port<CloudMapApi>(['listInstances', 'health', 'registerInstance', 'deleteService', 'setHealth']),
    );
    await cloudMap.listInstances('srv');
    await cloudMap.health('srv');
    for (const write of [
      () => cloudMap.registerInstance('srv', 'i', {}),
      () => cloudMap.deleteService('srv'),
      () => cloudMap.setHealth('srv', 'i', 'HEALTHY'),
    ]) {
      await expect(write()).rejects.toMatchObject({ reason: 'read-only' });
    }
    expect(called).toEqual(['listNamespaces', 'list', 'listInstances', 'health']);
  });

  it('lets Lattice reads through, explains their failures, and refuses every write, also ones added later', async () => {
    const called: string[] = [];
    const denied = new Error('AccessDeniedException');
    const read = (name: string) => async () => {
      called.push(name);
      if (name === 'get') throw denied;
      return [];
    };
    const names = ['list', 'get', 'listTags', 'listTargets', 'create', 'update', 'delete', 'tag'];
    names.push('setRulePriorities', 'registerTargets', 'deregisterTargets', 'purgeEverything');
    const port = Object.fromEntries(names.map((n) => [n, read(n)])) as unknown as LatticeApi;
    const explained = new Error('explained');
    const lattice = readOnlyLatticeApi(port, async (error) => (error === denied ? explained : error));
    await lattice.list({ kind: 'Service' });
    await lattice.listTags('arn');
    await lattice.listTargets('tg-1');
    await expect(lattice.get({ kind: 'Service', id: 's', arn: 'a', name: 'n' })).rejects.toBe(explained);
    const resource = { kind: 'Service' as const, id: 's', arn: 'a', name: 'n' };
    for (const write of [
      () => lattice.create({ kind: 'Service', input: {} }, { clientToken: 't' }),
      () => lattice.update(resource, {}),
      () => lattice.delete(resource),
      () => lattice.tag('arn', {}),
      () => lattice.setRulePriorities({ serviceId: 's', listenerId: 'l' }, []),
      () => lattice.registerTargets('tg-1', []),
      () => lattice.deregisterTargets('tg-1', []),
      () => (lattice as unknown as { purgeEverything(): Promise<void> }).purgeEverything(),
    ]) {
      await expect(write()).rejects.toMatchObject({ reason: 'read-only' });
    }
    expect(called).toEqual(['list', 'listTags', 'listTargets', 'get']);
  });
});
