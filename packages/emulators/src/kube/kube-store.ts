import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clone } from './json-value.ts';
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
 * write so that another process started on the same state directory sees the same cluster.
 */
export class KubeStore {
  private objects = new Map<string, KubeObject>();
  private revision = 0;
  private readonly file: string | undefined;

  constructor(stateDir?: string) {
    this.file = stateDir === undefined ? undefined : join(stateDir, 'kube.json');
    if (stateDir !== undefined) {
      mkdirSync(stateDir, { recursive: true });
      this.load();
    }
  }

  nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  get currentResourceVersion(): string {
    return String(this.revision);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.objects.get(keyOf(apiVersion, kind, namespace, name));
    return found && clone(found);
  }

  /** Objects of one kind, in one namespace or in all of them, ordered by namespace and name. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    return [...this.objects.values()]
      .filter((o) => o.apiVersion === apiVersion && o.kind === kind)
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .sort((a, b) => objectKey(a).localeCompare(objectKey(b)))
      .map(clone);
  }

  put(object: KubeObject): void {
    this.objects.set(objectKey(object), clone(object));
    this.save();
  }

  remove(object: KubeObject): void {
    this.objects.delete(objectKey(object));
    this.save();
  }

  /** Deleting a namespace deletes what it contains (at once; the real server finalises asynchronously). */
  removeNamespaced(namespace: string): KubeObject[] {
    const removed: KubeObject[] = [];
    for (const [key, object] of this.objects) {
      if (object.metadata.namespace !== namespace) continue;
      this.objects.delete(key);
      removed.push(object);
    }
    this.save();
    return removed;
  }

  snapshot(): KubeState {
    return { resourceVersion: this.revision, objects: [...this.objects.values()].map(clone) };
  }

  restore(state: KubeState): void {
    this.revision = state.resourceVersion;
    this.objects = new Map(state.objects.map((o) => [objectKey(o), clone(o)]));
    this.save();
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
  }

  private save(): void {
    if (this.file === undefined) return;
    // Write then rename, so a reader never sees half a file.
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}
