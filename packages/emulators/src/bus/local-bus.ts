import { randomUUID } from 'node:crypto';
import { type EventPattern, matchesPattern } from '@meshcd/events';

/** An event as EventBridge delivers it to a rule's target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface BusEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date;
  EventBusName?: string;
}

export interface DeadLetter {
  rule: string;
  event: BusEvent;
  error: string;
  attempts: number;
}

export interface LocalBusOptions {
  account?: string;
  region?: string;
  /** Delivery attempts per rule target before the event goes to the dead letters (EventBridge retry policy). */
  maxAttempts?: number;
  onDelivery?: (record: { rule: string; event: BusEvent; attempt: number; error?: string }) => void;
}

/**
 * EventBridge on one machine: PutEvents in, rules matched with the same patterns infra/ deploys, each
 * matching target invoked asynchronously with retries and a dead-letter list. It speaks enough of the
 * EventBridge client (`send` of a PutEvents command) to stand in for it.
 */
export class LocalBus {
  private readonly rules: Array<{
    name: string;
    pattern: EventPattern;
    target: (event: BusEvent) => Promise<unknown>;
  }> = [];
  private readonly inFlight = new Set<Promise<void>>();
  readonly deadLetters: DeadLetter[] = [];
  readonly published: BusEvent[] = [];

  constructor(private readonly options: LocalBusOptions = {}) {}

  /** Adds a rule: events matching `pattern` go to `target`. */
  subscribe(name: string, pattern: EventPattern, target: (event: BusEvent) => Promise<unknown>): void {
    this.rules.push({ name, pattern, target });
  }

  /** The EventBridge client's `send`, for PutEvents commands. */
  async send(command: { input: { Entries?: BusEntry[] } }) {
    const entries = command.input.Entries ?? [];
    for (const entry of entries) this.put(entry);
    return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) };
  }

  /** Publishes one entry and routes it. */
  put(entry: BusEntry): BusEvent {
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType ?? '',
      source: entry.Source ?? '',
      account: this.options.account ?? '111122223333',
      time: (entry.Time ?? new Date()).toISOString(),
      region: this.options.region ?? 'us-west-2',
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail ?? '{}'),
    };
    this.published.push(event);
    for (const rule of this.rules) {
      if (!matchesPattern(rule.pattern, event)) continue;
      const delivery = this.deliver(rule, event);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
    return event;
  }

  /** Waits until every delivery, including those the deliveries themselves caused, has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(rule: LocalBus['rules'][number], event: BusEvent): Promise<void> {
    // Asynchronous like EventBridge: PutEvents returns before any target runs.
    await new Promise((resolve) => setImmediate(resolve));
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await rule.target(event);
        this.options.onDelivery?.({ rule: rule.name, event, attempt });
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.onDelivery?.({ rule: rule.name, event, attempt, error: message });
        if (attempt >= maxAttempts) {
          this.deadLetters.push({ rule: rule.name, event, error: message, attempts: attempt });
          return;
        }
      }
    }
  }
}
