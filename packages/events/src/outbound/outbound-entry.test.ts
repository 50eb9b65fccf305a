import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/load-fixture.ts';
import { putEventsEntrySize } from '../trim-to-entry-size.ts';
import { outboundEntry } from './outbound-entry.ts';

describe('outboundEntry', () => {
  it('wraps a valid Reconcile Succeeded detail as a meshcd.reconciler entry', () => {
    const detail = fixture('reconcile-succeeded');
    const entry = outboundEntry('Reconcile Succeeded', detail as never, 'meshcd-bus');
    expect(entry).toMatchObject({
      Source: 'meshcd.reconciler',
      DetailType: 'Reconcile Succeeded',
      EventBusName: 'meshcd-bus',
    });
    expect(JSON.parse(entry.Detail)).toEqual(detail);
  });

  it('accepts a Reconcile Failed detail whose error names file, line, object and field', () => {
    expect(() => outboundEntry('Reconcile Failed', fixture('reconcile-failed') as never)).not.toThrow();
  });

  it('refuses a Reconcile Failed detail without errors and an unknown plan action', () => {
    const noErrors = { ...fixture('reconcile-failed'), errors: [] };
    expect(() => outboundEntry('Reconcile Failed', noErrors as never)).toThrow(
      /outbound Reconcile Failed: errors/,
    );
    const badAction = { ...fixture('reconcile-succeeded'), summary: { replace: 1 } };
    expect(() => outboundEntry('Reconcile Succeeded', badAction as never)).toThrow(/summary/);
  });

  it('trims a Drift Detected detail with large differences to one PutEvents entry, counting what it left out', () => {
    const listener = { portMapping: { port: 8080, protocol: 'http' }, note: 'x'.repeat(4000) };
    const resources = Array.from({ length: 100 }, (_, i) => ({
      key: `appmesh:shop/VirtualNode/node-${i}`,
      kind: 'VirtualNode',
      state: 'Modified' as const,
      differences: [{ path: 'spec.listeners[0]', expected: listener, actual: { ...listener, port: 9090 } }],
    }));
    const detail = {
      schemaVersion: '1' as const,
      targetId: 'shop',
      runId: 'run-1',
      detectedAt: '2026-03-01T00:00:00.000Z',
      summary: { Modified: 100 },
      resources,
    };
    const entry = outboundEntry('Drift Detected', detail);
    const size = putEventsEntrySize({
      source: entry.Source,
      detailType: entry.DetailType,
      detail: entry.Detail,
    });
    expect(size).toBeLessThanOrEqual(256 * 1024);
    const sent = JSON.parse(entry.Detail) as typeof detail & { truncatedResources: number };
    expect(sent.resources.length).toBeGreaterThan(0);
    expect(sent.resources.length + sent.truncatedResources).toBe(100);
    expect(sent.summary).toEqual({ Modified: 100 });
  });

  it('validates Drift Detected and Quota Threshold Reached details', () => {
    expect(() =>
      outboundEntry('Drift Detected', {
        schemaVersion: '1',
        targetId: 'payments-prod',
        runId: 'r1',
        detectedAt: '2026-03-06T00:00:05.000Z',
        summary: { InSync: 10, Modified: 1 },
        resources: [
          {
            key: 'appmesh:payments/VirtualRouter/checkout-router_payments/Route/checkout-route_payments',
            kind: 'Route',
            state: 'Modified',
            differences: [
              { path: 'spec.httpRoute.action.weightedTargets[0].weight', expected: 90, actual: 50 },
            ],
          },
        ],
      }),
    ).not.toThrow();
    expect(() =>
      outboundEntry('Quota Threshold Reached', {
        schemaVersion: '1',
        accountId: '123456789012',
        region: 'eu-west-1',
        quota: { name: 'Virtual nodes per mesh', limit: 200, usage: 181, limitSource: 'default' },
        threshold: 1.5,
        detectedAt: '2026-03-06T00:00:05.000Z',
      }),
    ).toThrow(/threshold/);
  });
});
