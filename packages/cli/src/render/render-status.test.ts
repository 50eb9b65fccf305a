import { describe, expect, it } from 'vitest';
import type { TargetStatus } from '../status/target-status.ts';
import { renderStatusText } from './render-status.ts';

const source = { repository: 'https://github.com/platform/mesh-config.git', branch: 'main', path: 'mesh' };

describe('meshcd status as text', () => {
  it('shows a block per target: health, revisions, the last run with every error in place, lease and drift', () => {
    const refused: TargetStatus = {
      targetId: 'production',
      source,
      provider: 'appmesh',
      health: 'refused',
      reason: `the last reconcile of ${'b'.repeat(40)} was refused with 1 error(s)`,
      wanted: { revision: 'b'.repeat(40), order: Date.parse('2026-11-30T09:10:00Z') },
      applied: { revision: 'a'.repeat(40), order: Date.parse('2026-11-30T09:00:00Z') },
      failed: { revision: 'b'.repeat(40), order: Date.parse('2026-11-30T09:10:00Z') },
      lastRun: {
        targetId: 'production',
        runId: 'run-2',
        mode: 'apply',
        revision: 'b'.repeat(40),
        startedAt: '2026-11-30T09:10:01.000Z',
        finishedAt: '2026-11-30T09:10:02.000Z',
        outcome: 'refused',
        summary: { update: 0 },
        errors: [
          {
            phase: 'desired',
            reason: 'wrong-type',
            message: 'must be a number, not the string "eighty"',
            file: 'mesh/mesh.yaml',
            line: 15,
            column: 32,
            object: 'VirtualNode/shop/api',
            field: 'spec.listeners[0].portMapping.port',
          },
        ],
      },
      lease: { state: 'free' },
      drift: {
        detectedAt: '2026-11-30T09:30:00.000Z',
        revision: 'a'.repeat(40),
        counts: { InSync: 30, Modified: 1, Missing: 0, Unmanaged: 0, Unknown: 0 },
      },
    };
    const fresh: TargetStatus = {
      targetId: 'staging',
      source,
      provider: 'appmesh',
      health: 'pending',
      reason: 'nothing was ever reconciled',
      lease: { state: 'held', holder: 'event:7', expiresAt: '2026-11-30T10:01:00.000Z' },
    };
    expect(renderStatusText([refused, fresh])).toBe(
      [
        `Target production  refused  the last reconcile of ${'b'.repeat(40)} was refused with 1 error(s)`,
        '  Source:   https://github.com/platform/mesh-config.git main mesh',
        '  Provider: App Mesh',
        '  Wanted:   bbbbbbbbbbbb (2026-11-30T09:10:00.000Z)',
        '  Applied:  aaaaaaaaaaaa (2026-11-30T09:00:00.000Z)',
        '  Failed:   bbbbbbbbbbbb (2026-11-30T09:10:00.000Z)',
        '  Last run: refused bbbbbbbbbbbb at 2026-11-30T09:10:02.000Z (run run-2)',
        '            no changes planned',
        '            error mesh/mesh.yaml:15:32 VirtualNode/shop/api spec.listeners[0].portMapping.port: must be a number, not the string "eighty" [desired/wrong-type]',
        '  Lease:    free',
        '  Drift:    30 InSync, 1 Modified (checked 2026-11-30T09:30:00.000Z against aaaaaaaaaaaa)',
        '',
        'Target staging  pending  nothing was ever reconciled',
        '  Source:   https://github.com/platform/mesh-config.git main mesh',
        '  Provider: App Mesh',
        '  Wanted:   -',
        '  Applied:  -',
        '  Last run: -',
        '  Lease:    held by event:7 until 2026-11-30T10:01:00.000Z',
        '  Drift:    never checked',
        '',
      ].join('\n'),
    );
  });
});
