import { describe, expect, it } from 'vitest';
import { defaultTargetPolicy, type Target } from '../target.ts';
import { driftEmissions } from './drift-emissions.ts';
import { driftFingerprint } from './drift-fingerprint.ts';
import { type DriftItem, summariseDrift } from './drift-item.ts';
import { type QuotaLine, quotaReport } from './quota-report.ts';

const target: Target = {
  id: 'shop',
  source: { repository: 'https://git.example.com/shop.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'eu-west-1',
  policy: defaultTargetPolicy,
};

const node = (name: string, state: DriftItem['state'], port?: number): DriftItem => ({
  key: `appmesh:shop/VirtualNode/${name}`,
  provider: 'appmesh',
  kind: 'VirtualNode',
  name,
  meshName: 'shop',
  state,
  ...(port
    ? { differences: [{ path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: port }] }
    : {}),
});

const quota = (used: number, limit = 10): QuotaLine[] =>
  quotaReport(
    [
      {
        quota: 'virtualNodesPerMesh',
        title: 'Virtual nodes per mesh',
        code: 'L-E043DFB4',
        scope: 'mesh shop',
        used,
        limit,
        keys: ['appmesh:shop/VirtualNode/a'],
      },
    ],
    { warn: 0.8 },
  );

const emit = (items: DriftItem[], quotas: QuotaLine[], last?: { items: DriftItem[]; quotas: QuotaLine[] }) =>
  driftEmissions({
    target,
    runId: 'r',
    detectedAt: '2026-03-01T00:00:00.000Z',
    items,
    summary: summariseDrift(items),
    fingerprint: driftFingerprint(items),
    quotas,
    thresholds: { warn: 0.8 },
    ...(last ? { last: { driftFingerprint: driftFingerprint(last.items), quotas: last.quotas } } : {}),
  });

describe('quotaReport', () => {
  it('rates usage ok below the threshold, warn from it, full at the limit and exceeded over it', () => {
    expect([7, 8, 9, 10, 11].map((n) => quota(n)[0]!.level)).toEqual([
      'ok',
      'warn',
      'warn',
      'full',
      'exceeded',
    ]);
    expect(quota(0, 0)[0]).toMatchObject({ level: 'ok', ratio: 0 });
  });
});

describe('driftEmissions', () => {
  it('announces nothing for a target in sync with quotas to spare, though a first report is a change', () => {
    expect(emit([node('a', 'InSync')], quota(1))).toEqual({ changed: true, emissions: [] });
    const same = { items: [node('a', 'InSync')], quotas: quota(1) };
    expect(emit([node('a', 'InSync')], quota(1), same)).toEqual({ changed: false, emissions: [] });
  });

  it('announces drift the first time, and again only when the drift itself changes', () => {
    const drifted = [node('a', 'Modified', 9090), node('b', 'InSync')];
    const first = emit(drifted, quota(1));
    expect(first.emissions).toEqual([
      {
        detailType: 'Drift Detected',
        detail: expect.objectContaining({
          targetId: 'shop',
          summary: { InSync: 1, Modified: 1 },
          resources: [expect.objectContaining({ key: 'appmesh:shop/VirtualNode/a', state: 'Modified' })],
        }),
      },
    ]);
    expect(emit(drifted, quota(1), { items: drifted, quotas: quota(1) })).toEqual({
      changed: false,
      emissions: [],
    });
    const otherPort = [node('a', 'Modified', 9091), node('b', 'InSync')];
    expect(emit(otherPort, quota(1), { items: drifted, quotas: quota(1) }).emissions).toHaveLength(1);
    // Drift going away is a change worth recording, but there is nothing to announce as detected.
    expect(emit([node('a', 'InSync')], quota(1), { items: drifted, quotas: quota(1) })).toEqual({
      changed: true,
      emissions: [],
    });
  });

  it('bounds the resources listed in one event and says how many were left out', () => {
    const many = Array.from({ length: 120 }, (_, i) => node(`n${i}`, 'Missing'));
    const detail = emit(many, []).emissions[0]!.detail as {
      resources: unknown[];
      truncatedResources?: number;
    };
    expect(detail.resources).toHaveLength(100);
    expect(detail.truncatedResources).toBe(20);
  });

  it('announces a quota when it reaches a more serious level, never twice at the same level, never on the way down', () => {
    const reached = emit([], quota(8));
    expect(reached.emissions).toEqual([
      {
        detailType: 'Quota Threshold Reached',
        detail: expect.objectContaining({
          accountId: '111122223333',
          region: 'eu-west-1',
          meshName: 'shop',
          quota: {
            name: 'Virtual nodes per mesh',
            code: 'L-E043DFB4',
            limit: 10,
            usage: 8,
            limitSource: 'default',
          },
          threshold: 0.8,
        }),
      },
    ]);
    expect(emit([], quota(9), { items: [], quotas: quota(8) }).emissions).toEqual([]);
    const full = emit([], quota(10), { items: [], quotas: quota(9) }).emissions;
    expect(full.map((e) => (e.detail as { threshold: number }).threshold)).toEqual([1]);
    expect(emit([], quota(5), { items: [], quotas: quota(10) })).toEqual({ changed: true, emissions: [] });
  });
});
