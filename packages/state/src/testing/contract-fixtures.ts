/** What the StateStore contract suites share: the store under test and its sample records. */
import type { InventoryEntry, RevisionRequest, RunRecord } from '@meshcd/core';
import type { MeshcdStateStore } from '../target-registry.ts';

export interface ContractStore {
  store: MeshcdStateStore;
  /** Raw table item, for stores backed by DynamoDB (to check the TTL attribute). */
  rawItem?: (pk: string, sk: string) => Promise<Record<string, unknown> | undefined>;
}

export const HOUR = 3_600_000;

export const entry = (targetId: string, key: string, spec: unknown = { a: 1 }): InventoryEntry => ({
  provider: 'appmesh',
  targetId,
  key,
  kind: 'VirtualNode',
  arn: `arn:aws:appmesh:us-east-1:111122223333:mesh/m/virtualNode/${key}`,
  version: 1,
  specHash: `hash-${key}`,
  lastAppliedSpec: spec,
  sourceRevision: 'abc123',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A cluster object's entry under `kube:<namespace>/<group>/<Kind>/<name>`. */
export const kubeEntry = (
  targetId: string,
  key: string,
  apiVersion: string,
  spec: unknown,
): InventoryEntry => {
  const [namespace = '', , kind = '', name = ''] = key.slice('kube:'.length).split('/');
  return {
    provider: 'kube',
    targetId,
    key,
    apiVersion,
    kind,
    namespace,
    name,
    version: '1',
    specHash: `hash-${key}`,
    lastAppliedSpec: spec,
    sourceRevision: 'abc123',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
};

export const run = (targetId: string, runId: string, startedAt: string): RunRecord => ({
  targetId,
  runId,
  mode: 'apply',
  revision: `rev-${runId}`,
  startedAt,
  finishedAt: new Date(Date.parse(startedAt) + 5_000).toISOString(),
  outcome: 'succeeded',
  summary: { create: 2, unchanged: 5 },
});

export const req = (order: number): RevisionRequest => ({ revision: `rev-${order}`, order });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
