import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeSender } from '../event-publisher.ts';

export interface CapturedEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  busName: string;
}

/** An EventBridge client double that accepts every entry and keeps it, for assertions. */
export function captureEvents(): EventBridgeSender & { events: CapturedEvent[] } {
  const events: CapturedEvent[] = [];
  return {
    events,
    async send(command: PutEventsCommand) {
      const entries = command.input.Entries ?? [];
      for (const e of entries) {
        events.push({
          source: e.Source ?? '',
          detailType: e.DetailType ?? '',
          detail: JSON.parse(e.Detail ?? '{}') as Record<string, unknown>,
          busName: e.EventBusName ?? '',
        });
      }
      return {
        FailedEntryCount: 0,
        Entries: entries.map((_, i) => ({ EventId: `event-${events.length + i}` })),
      };
    },
  };
}

/** A GitHub push body for `revision` of `cloneUrl`, pushed at `pushedAtSeconds`. */
export function gitHubPushBody(cloneUrl: string, branch: string, revision: string, pushedAtSeconds: number) {
  return JSON.stringify({
    ref: `refs/heads/${branch}`,
    before: `${'0'.repeat(39)}1`,
    after: revision,
    commits: [],
    pusher: { name: 'dev' },
    repository: { full_name: 'org/mesh', clone_url: cloneUrl, pushed_at: pushedAtSeconds },
  });
}
