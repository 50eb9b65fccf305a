import { schemaVersion } from '@meshcd/events';
import { describe, expect, it } from 'vitest';
import { driftEntry, formatEventLine, reconcileEntry, webhookEntry } from './event-log.ts';

const revision = 'c0ffee'.padEnd(40, '0');
const outcome = {
  schemaVersion,
  targetId: 'production',
  revision,
  runId: 'run-1',
  mode: 'apply',
  startedAt: '2026-11-30T10:00:00.000Z',
  finishedAt: '2026-11-30T10:00:05.000Z',
  summary: { create: 0, update: 1 },
} as const;
const time = new Date('2026-11-30T10:00:06.000Z');

/** The lines `meshcd local up` prints per event: one readable line each, or one JSON object. */
describe('local up event lines', () => {
  it('names a failed reconcile with its first error and how many more there were', () => {
    const entry = reconcileEntry('Reconcile Failed', {
      ...outcome,
      outcome: 'failed',
      errors: [
        { phase: 'source', reason: 'revision-not-found', retryable: false, message: 'no such commit' },
        { phase: 'source', reason: 'other', retryable: false, message: 'second' },
      ],
      truncatedErrors: 3,
    });
    expect(formatEventLine(entry, 'text', time)).toBe(
      '2026-11-30T10:00:06.000Z ERROR reconcile failed: production at c0ffee000000: no such commit (+4 more)\n',
    );
  });

  it('names a refused reconcile at its file:line:column, object and field, as a warning', () => {
    const entry = reconcileEntry('Reconcile Failed', {
      ...outcome,
      outcome: 'refused',
      errors: [
        {
          phase: 'desired',
          reason: 'wrong-type',
          retryable: false,
          message: 'must be a number',
          file: 'mesh.yaml',
          line: 15,
          column: 32,
          object: 'VirtualNode/shop/api',
          field: 'spec.listeners[0].portMapping.port',
        },
      ],
    });
    expect(entry).toMatchObject({ level: 'WARN', outcome: 'refused', targetId: 'production', revision });
    expect(entry.message).toBe(
      'production at c0ffee000000: mesh.yaml:15:32 VirtualNode/shop/api spec.listeners[0].portMapping.port: must be a number',
    );
  });

  it('counts drift by state and names the first drifted resources with their first changed field', () => {
    const entry = driftEntry({
      schemaVersion,
      targetId: 'production',
      runId: 'drift-1',
      detectedAt: '2026-11-30T10:00:00.000Z',
      summary: { InSync: 7, Modified: 1, Missing: 1 },
      resources: [
        { key: 'appmesh:shop/VirtualNode/api', kind: 'VirtualNode', state: 'InSync' },
        {
          key: 'appmesh:shop/VirtualNode/web',
          kind: 'VirtualNode',
          state: 'Modified',
          differences: [{ path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: 9090 }],
        },
        { key: 'appmesh:shop/VirtualService/web.shop', kind: 'VirtualService', state: 'Missing' },
      ],
    });
    expect(formatEventLine(entry, 'text', time)).toBe(
      '2026-11-30T10:00:06.000Z WARN  drift found: production: 1 Modified, 1 Missing — Modified appmesh:shop/VirtualNode/web (spec.listeners[0].portMapping.port); Missing appmesh:shop/VirtualService/web.shop\n',
    );
  });

  it('prints one JSON object per line with --log-format json', () => {
    const entry = webhookEntry(
      200,
      JSON.stringify({ outcome: 'ignored', message: 'branch x is tracked by no target' }),
    );
    const line = formatEventLine(entry, 'json', time);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-11-30T10:00:06.000Z',
      level: 'INFO',
      event: 'push',
      outcome: 'ignored',
      message: 'branch x is tracked by no target (HTTP 200)',
    });
  });

  it('grades webhook answers: refused deliveries warn, function errors are errors', () => {
    expect(webhookEntry(401, '{"outcome":"unauthorized","message":"bad signature"}')).toMatchObject({
      level: 'WARN',
      outcome: 'unauthorized',
    });
    expect(webhookEntry(502, 'not json')).toEqual({
      level: 'ERROR',
      event: 'push',
      outcome: 'http-502',
      message: 'not json (HTTP 502)',
    });
  });
});
