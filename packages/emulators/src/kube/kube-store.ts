import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clone } from './json-value.ts';
import { KubeEventLog } from './kube-events.ts';
import type { KubeObject } from './kube-object.ts';

/** Everything the cluster holds; what snapshot() returns and kube.json contains. */
export interface KubeState {
  /** The last resourceVersion handed out: one counter for all objects, as etcd's revision. */
  resourceVersion: number;
  objects: KubeObject[];
}

const keyOf = (apiVersion: string, kind: string, namespace: string | undefined, name: string): string =>
  `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;

const objectKey = (o: KubeObject): string =>
  keyOf(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name);

/**
 * The objects of the emulated cluster, optionally persisted to `<stateDir>/kube.json` after every
 * write so that another process started on the same state directory sees the same cluster. A store
 * also reloads the file when another process has rewritten it, so a running `meshcd local kube` and a
 * `meshcd apply --local` sharing a state directory stay one cluster (last write wins per request).
 */
export class KubeStore {
  private objects = new Map<string, KubeObject>();
  private revision = 0;
  private readonly file: string | undefined;
  /** Every write of this process, for watches and in-process listeners. */
  readonly events = new KubeEventLog();
  /** Identity of kube.json as this store last read or wrote it. */
  private seen = '';
  /** Open batches: while any is open, writes are saved once when the outermost one closes. */
  private batches = 0;
  private dirty = false;

  constructor(stateDir?: string) {
    this.file = stateDir === undefined ? undefined : join(stateDir, 'kube.json');
    if (stateDir !== undefined) {
      mkdirSync(stateDir, { recursive: true });
      this.load();
    }
  }

  nextResourceVersion(): string {
    this.refresh();
    this.revision += 1;
    return String(this.revision);
  }

  get currentResourceVersion(): string {
    this.refresh();
    return String(this.revision);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    this.refresh();
    const found = this.objects.get(keyOf(apiVersion, kind, namespace, name));
    return found && clone(found);
  }

  /** Objects of one kind, in one namespace or in all of them, ordered by namespace and name. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    this.refresh();
    return [...this.objects.values()]
      .filter((o) => o.apiVersion === apiVersion && o.kind === kind)
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .sort((a, b) => objectKey(a).localeCompare(objectKey(b)))
      .map(clone);
  }

  put(object: KubeObject): void {
    this.refresh();
    const key = objectKey(object);
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    this.objects.set(key, clone(object));
    this.save();
    this.events.publish({ type, object: clone(object) });
  }

  /** Removes an object; its DELETED event carries a fresh resourceVersion, as on the real server. */
  remove(object: KubeObject): void {
    this.refresh();
    this.objects.delete(objectKey(object));
    this.deleted(object);
    this.save();
  }

  /**
   * Deleting a namespace deletes what it contains at once (the real server does so in the background),
   * except objects held by finalizers, which the namespace controller marks as deleting.
   */
  removeNamespaced(namespace: string): KubeObject[] {
    this.refresh();
    const removed: KubeObject[] = [];
    for (const [key, object] of this.objects) {
      if (object.metadata.namespace !== namespace) continue;
      if (((object.metadata.finalizers as string[] | undefined) ?? []).length > 0) continue;
      this.objects.delete(key);
      removed.push(object);
      this.deleted(object);
    }
    this.save();
    return removed;
  }

  private deleted(object: KubeObject): void {
    this.revision += 1;
    const gone = clone(object);
    gone.metadata.resourceVersion = String(this.revision);
    this.events.publish({ type: 'DELETED', object: gone });
  }

  snapshot(): KubeState {
    this.refresh();
    return { resourceVersion: this.revision, objects: [...this.objects.values()].map(clone) };
  }

  restore(state: KubeState): void {
    this.revision = state.resourceVersion;
    this.objects = new Map(state.objects.map((o) => [objectKey(o), clone(o)]));
    this.save();
  }

  private refresh(): void {
    if (this.file !== undefined && this.stamp() !== this.seen) this.load();
  }

  private stamp(): string {
    try {
      // Every save renames a new file into place, so the inode alone tells writes apart.
      const { ino, mtimeMs, size } = statSync(this.file!);
      return `${ino}:${mtimeMs}:${size}`;
    } catch {
      return '';
    }
  }

  private load(): void {
    if (this.file === undefined) return;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let state: KubeState;
    try {
      state = JSON.parse(text) as KubeState;
    } catch (error) {
      throw new Error(`${this.file}: not valid JSON, cannot load the cluster state`, { cause: error });
    }
    if (!Array.isArray(state.objects) || typeof state.resourceVersion !== 'number') {
      throw new Error(`${this.file}: expected {"resourceVersion": number, "objects": [...]}`);
    }
    this.revision = state.resourceVersion;
    this.objects = new Map(state.objects.map((o) => [objectKey(o), o]));
    this.seen = this.stamp();
  }

  /** Runs `work` with one save of kube.json at its end instead of one per write (the controllers' passes). */
  batch<T>(work: () => T): T {
    this.batches += 1;
    try {
      return work();
    } finally {
      this.batches -= 1;
      if (this.batches === 0 && this.dirty) this.save();
    }
  }

  private save(): void {
    if (this.file === undefined) return;
    if (this.batches > 0) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    // Write then rename, so a reader never sees half a file.
    const temporary = `${this.file}.${process.pid}.tmp`;
    const state: KubeState = { resourceVersion: this.revision, objects: [...this.objects.values()] };
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temporary, this.file);
    this.seen = this.stamp();
  }
}
