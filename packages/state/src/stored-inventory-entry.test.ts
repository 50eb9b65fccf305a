import { describe, expect, it } from 'vitest';
import { storedInventoryEntry } from './stored-inventory-entry.ts';

/** The fields every entry the earlier code wrote carries. */
const common = {
  targetId: 't1',
  version: 1,
  specHash: 'h',
  lastAppliedSpec: { a: 1 },
  sourceRevision: 'abc123',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('inventory entries written before entries named their provider', () => {
  it('reads an App Mesh entry as one, keeping its ARN', () => {
    const arn = 'arn:aws:appmesh:us-east-1:111122223333:mesh/m/virtualNode/a';
    const old = { ...common, key: 'appmesh:m/VirtualNode/a', kind: 'VirtualNode', arn, uid: 'u' };
    expect(storedInventoryEntry(old)).toEqual({ ...old, provider: 'appmesh' });
  });

  it('reads a Lattice entry and a target-source record by their key scheme', () => {
    const lattice = { ...common, key: 'lattice:Service/cart', kind: 'Service', arn: 'arn:svc' };
    expect(storedInventoryEntry(lattice)).toEqual({ ...lattice, provider: 'lattice' });
    const targets = { ...common, key: 'lattice-targets:lattice:TargetGroup/tg', kind: 'LatticeTargets' };
    expect(storedInventoryEntry(targets)).toEqual({ ...targets, provider: 'lattice-targets' });
  });

  it('takes a cluster object’s apiVersion out of the arn field and its namespace and name out of its key', () => {
    const old = {
      ...common,
      key: 'kube:shop/apps/Deployment/web',
      kind: 'Deployment',
      arn: 'apps/v1/Deployment',
      uid: 'u-1',
    };
    expect(storedInventoryEntry(old)).toEqual({
      ...common,
      provider: 'kube',
      key: 'kube:shop/apps/Deployment/web',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'u-1',
    });
    const namespace = { ...common, key: 'kube://Namespace/shop', kind: 'Namespace', arn: 'v1/Namespace' };
    expect(storedInventoryEntry(namespace)).toMatchObject({ apiVersion: 'v1', namespace: '', name: 'shop' });
    expect(storedInventoryEntry(namespace)).not.toHaveProperty('arn');
  });

  it('reads an injection record with the namespace and name of its key', () => {
    const old = { ...common, key: 'injector:shop/VirtualNode/api', kind: 'VirtualNode' };
    expect(storedInventoryEntry(old)).toEqual({
      ...old,
      provider: 'injector',
      namespace: 'shop',
      name: 'api',
    });
  });

  it('passes an entry that names its provider through unchanged', () => {
    const entry = {
      ...common,
      provider: 'kube',
      key: 'kube:ns//ConfigMap/c',
      apiVersion: 'v1',
      kind: 'ConfigMap',
    };
    expect(storedInventoryEntry(entry)).toBe(entry);
  });

  it('refuses an entry it cannot type, naming its key', () => {
    expect(() => storedInventoryEntry({ ...common, key: 'kube:ns//ConfigMap/c', kind: 'ConfigMap' })).toThrow(
      /inventory entry 'kube:ns\/\/ConfigMap\/c' is a cluster object recorded without its apiVersion\/kind/,
    );
    expect(() => storedInventoryEntry({ ...common, key: 'cloudmap:ns/svc', kind: 'Service' })).toThrow(
      /inventory entry 'cloudmap:ns\/svc' is an unknown key scheme 'cloudmap'/,
    );
  });
});
