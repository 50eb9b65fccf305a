import { randomUUID } from 'node:crypto';
import { clone, deepEqual } from '../json-value.ts';
import type { KubeObject } from '../kube-object.ts';
import type { KubeStore } from '../kube-store.ts';

/** A reference from a dependent to the object that controls it, as the real controllers set it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: true;
  blockOwnerDeletion: true;
}

export const controllerRef = (owner: KubeObject): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

/** The objects whose controlling owner is `owner`. */
export const ownedBy = (owner: KubeObject, objects: readonly KubeObject[]): KubeObject[] =>
  objects.filter((o) =>
    ((o.metadata.ownerReferences as OwnerReference[] | undefined) ?? []).some(
      (r) => r.controller && r.uid === owner.metadata.uid,
    ),
  );

/**
 * Writes on behalf of the built-in controllers: straight to the store, with the bookkeeping the API
 * server does (uid, creationTimestamp, resourceVersion, generation), and only when something changed,
 * so a controller pass over a settled cluster writes nothing and the controllers always come to rest.
 */
export class ControllerWriter {
  /** Writes made since the writer was created; the controllers loop until a pass makes none. */
  writes = 0;

  constructor(
    private readonly store: KubeStore,
    private readonly timestamp: () => string,
  ) {}

  create(object: KubeObject): KubeObject {
    object.metadata.uid = randomUUID();
    object.metadata.creationTimestamp = this.timestamp();
    if (object.spec !== undefined) object.metadata.generation = 1;
    return this.put(object);
  }

  /** Stores `next` when it differs from `live`; a changed spec bumps metadata.generation. */
  update(live: KubeObject, next: KubeObject): KubeObject {
    if (deepEqual(live, next)) return live;
    if (!deepEqual(live.spec, next.spec)) next.metadata.generation = (live.metadata.generation ?? 1) + 1;
    return this.put(next);
  }

  /** Changes a copy of `live` with `change` and stores it when that changed anything. */
  modify(live: KubeObject, change: (copy: KubeObject) => void): KubeObject {
    const next = clone(live);
    change(next);
    return this.update(live, next);
  }

  delete(object: KubeObject): void {
    this.writes += 1;
    this.store.remove(object);
  }

  now(): string {
    return this.timestamp();
  }

  private put(object: KubeObject): KubeObject {
    this.writes += 1;
    object.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(object);
    return object;
  }
}
