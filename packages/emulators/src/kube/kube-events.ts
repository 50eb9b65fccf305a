import type { KubeObject } from './kube-object.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to the cluster, as a watch stream carries it. */
export interface KubeEvent {
  type: WatchEventType;
  object: KubeObject;
}

export type KubeEventListener = (event: KubeEvent) => void;

/**
 * The recent changes of one emulator, kept so a watch that starts from a resourceVersion can be
 * replayed from there (the real server's watch cache); older starts get 410 Gone, as there.
 */
export class KubeEventLog {
  private readonly history: KubeEvent[] = [];
  private readonly listeners = new Set<KubeEventListener>();

  constructor(private readonly capacity = 1000) {}

  publish(event: KubeEvent): void {
    this.history.push(event);
    if (this.history.length > this.capacity) this.history.shift();
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: KubeEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `resourceVersion`, or 'expired' when the history no longer reaches back that far. */
  since(resourceVersion: number): KubeEvent[] | 'expired' {
    const oldest = this.history[0];
    if (oldest && Number(oldest.object.metadata.resourceVersion) > resourceVersion + 1) return 'expired';
    return this.history.filter((e) => Number(e.object.metadata.resourceVersion) > resourceVersion);
  }
}
