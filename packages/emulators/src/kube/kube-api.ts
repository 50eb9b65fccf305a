import { randomUUID } from 'node:crypto';
import { applyDefaults } from './apply-defaults.ts';
import { isObject } from './field-path.ts';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import { freeClusterIp } from './free-cluster-ip.ts';
import { checkImmutable } from './immutable-fields.ts';
import { incomingObject, validateName } from './incoming-object.ts';
import type { KubeObject } from './kube-object.ts';
import { alreadyExists, badRequest, conflict, notFound } from './kube-status-error.ts';
import type { KubeStore } from './kube-store.ts';
import { matchesLabels, parseLabelSelector } from './label-selector.ts';
import { listChunk } from './list-chunk.ts';
import { trackUpdate } from './managed-fields.ts';
import {
  checkNamespaceDeletable,
  creationInTerminatingNamespace,
  finalizersOf,
  isNamespaceType,
  isTerminating,
  startTermination,
} from './namespace-lifecycle.ts';
import { cascadeKey, deletedStatus, generation, unchanged } from './object-metadata.ts';
import { validateObject } from './object-validation.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { parseYamlBody } from './parse-yaml-body.ts';
import { patchByMediaType } from './patch-by-media-type.ts';
import {
  type ApiResult,
  fieldManagerOf,
  fieldValidationOf,
  isDryRun,
  type ResourceRequest,
} from './resource-request.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';
import { serverSideApply } from './server-side-apply.ts';

/** The verbs on stored objects, with the real server's preconditions, conflicts and bookkeeping. */
export class KubeApi {
  /**
   * Objects removed with their namespace. The real server deletes a namespace's contents in the
   * background, so a client deleting them one by one right after the namespace still succeeds; the
   * emulator deletes at once and answers those late deletes from here instead.
   */
  private readonly cascaded = new Map<string, KubeObject>();

  constructor(
    private readonly store: KubeStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  handle(request: ResourceRequest): ApiResult {
    switch (request.verb) {
      case 'get':
        return { status: 200, body: this.existing(request) };
      case 'list':
        return { status: 200, body: this.list(request) };
      case 'create':
        return this.create(request);
      case 'update':
        return this.update(request);
      case 'patch':
        return this.patch(request);
      case 'delete':
        return this.delete(request);
    }
  }

  private list({ type, namespace, query }: ResourceRequest) {
    const labels = parseLabelSelector(query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(query.get('fieldSelector') ?? '', type);
    const items = this.store
      .list(apiVersionOf(type), type.kind, type.namespaced ? namespace : undefined)
      .filter((o) => matchesLabels(labels, o.metadata.labels ?? {}) && matchesFields(fields, o));
    return {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      ...listChunk(items, query, this.store.currentResourceVersion),
    };
  }

  private create(request: ResourceRequest): ApiResult {
    const object = incomingObject(
      request.type,
      request.namespace,
      parseJsonBody(request.body),
      fieldValidationOf(request),
    );
    if (!object.metadata.name && typeof object.metadata.generateName === 'string') {
      object.metadata.name = `${object.metadata.generateName}${randomUUID().slice(0, 5)}`;
    }
    validateName(object);
    this.requireNamespace(request, object.metadata.name);
    if (this.find(request.type, request.namespace, object.metadata.name)) {
      throw alreadyExists(request.type.plural, request.type.group, object.metadata.name);
    }
    this.defaults(object, undefined);
    trackUpdate(undefined, object, fieldManagerOf(request), this.timestamp());
    return { status: 201, body: this.commit(request, undefined, object) };
  }

  private update(request: ResourceRequest): ApiResult {
    const live = this.existing(request);
    const object = incomingObject(
      request.type,
      request.namespace,
      parseJsonBody(request.body),
      fieldValidationOf(request),
    );
    if (object.metadata.name !== request.name) {
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${request.name})`,
      );
    }
    this.checkResourceVersion(request, live, object.metadata.resourceVersion);
    object.metadata.managedFields = live.metadata.managedFields;
    this.defaults(object, live);
    trackUpdate(live, object, fieldManagerOf(request), this.timestamp());
    return { status: 200, body: this.commit(request, live, object) };
  }

  private patch(request: ResourceRequest): ApiResult {
    const mediaType = request.contentType.split(';')[0]?.trim() ?? '';
    if (mediaType === 'application/apply-patch+yaml') return this.apply(request);
    const live = this.existing(request);
    const patched = patchByMediaType(live, mediaType, parseJsonBody(request.body));
    const object = incomingObject(request.type, request.namespace, patched, fieldValidationOf(request));
    if (object.metadata.name !== live.metadata.name)
      throw badRequest('metadata.name cannot be changed by a patch');
    this.checkResourceVersion(request, live, object.metadata.resourceVersion);
    object.metadata.managedFields = live.metadata.managedFields;
    this.defaults(object, live);
    trackUpdate(live, object, fieldManagerOf(request), this.timestamp());
    return { status: 200, body: this.commit(request, live, object) };
  }

  private apply(request: ResourceRequest): ApiResult {
    const fieldManager = request.query.get('fieldManager');
    if (!fieldManager)
      throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter');
    const document = parseYamlBody(request.body);
    const applied = incomingObject(
      request.type,
      request.namespace,
      document,
      fieldValidationOf(request),
      true,
    );
    if (applied.metadata.name !== request.name) {
      throw badRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${request.name})`,
      );
    }
    const live = this.find(request.type, request.namespace, request.name!);
    if (!live) {
      validateName(applied);
      this.requireNamespace(request, applied.metadata.name);
    } else this.checkResourceVersion(request, live, applied.metadata.resourceVersion);
    const force = request.query.get('force') === 'true';
    const object = serverSideApply({ live, applied, manager: fieldManager, force, time: this.timestamp() });
    // Defaults fill what the merge left unset; they belong to no manager, as on the real server.
    this.defaults(object, live);
    return { status: live ? 200 : 201, body: this.commit(request, live, object) };
  }

  private delete(request: ResourceRequest): ApiResult {
    const late = this.cascaded.get(
      cascadeKey(apiVersionOf(request.type), request.type.kind, request.namespace, request.name),
    );
    if (late && !this.find(request.type, request.namespace, request.name ?? '')) {
      this.cascaded.delete(
        cascadeKey(apiVersionOf(request.type), request.type.kind, request.namespace, request.name),
      );
      return { status: 200, body: deletedStatus(request.type, late) };
    }
    const live = this.existing(request);
    const options = request.body.trim() === '' ? {} : parseJsonBody(request.body);
    const preconditions = isObject(options) && isObject(options.preconditions) ? options.preconditions : {};
    if (preconditions.uid !== undefined && preconditions.uid !== live.metadata.uid) {
      throw conflict(
        request.type.plural,
        request.type.group,
        live.metadata.name,
        'Precondition failed: UID in precondition does not match the object',
      );
    }
    this.checkResourceVersion(request, live, preconditions.resourceVersion as string | undefined);
    if (isNamespaceType(request.type)) return this.deleteNamespace(request, live);
    if (finalizersOf(live).length > 0) {
      // Finalizers hold the object: it only gets its deletion timestamp, and goes when they are removed.
      if (isTerminating(live) || isDryRun(request)) return { status: 200, body: live };
      live.metadata.deletionTimestamp = this.timestamp();
      live.metadata.deletionGracePeriodSeconds = 0;
      live.metadata.resourceVersion = this.store.nextResourceVersion();
      this.store.put(live);
      return { status: 200, body: live };
    }
    if (!isDryRun(request)) this.store.remove(live);
    return { status: 200, body: deletedStatus(request.type, live) };
  }

  /**
   * A namespace is not deleted at once: it turns Terminating, its contents go (those not held by
   * finalizers at once, so late deletes of them still succeed), and the namespace controller removes it
   * once it is empty. The answer is the Terminating namespace, as the real server gives it.
   */
  private deleteNamespace(request: ResourceRequest, live: KubeObject): ApiResult {
    checkNamespaceDeletable(live);
    const terminating = startTermination(live, this.timestamp());
    if (isDryRun(request)) return { status: 200, body: terminating };
    terminating.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(terminating);
    for (const object of this.store.removeNamespaced(live.metadata.name)) {
      this.cascaded.set(
        cascadeKey(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name),
        object,
      );
    }
    return { status: 200, body: terminating };
  }

  /** Stamps server-owned metadata and stores the object, unless nothing changed or it is a dry run. */
  private commit(request: ResourceRequest, live: KubeObject | undefined, object: KubeObject): KubeObject {
    const { type, namespace } = request;
    if (type.namespaced) object.metadata.namespace = namespace;
    else delete object.metadata.namespace;
    object.metadata.uid = live?.metadata.uid ?? randomUUID();
    object.metadata.creationTimestamp = live?.metadata.creationTimestamp ?? this.timestamp();
    const counted = generation(live, object);
    if (counted === undefined) delete object.metadata.generation;
    else object.metadata.generation = counted;
    if (live && 'status' in live) object.status = live.status;
    else if (isNamespaceType(type)) object.status = { phase: 'Active' };
    else delete object.status;
    // The deletion timestamp is the server's; clients can neither set nor clear it.
    for (const field of ['deletionTimestamp', 'deletionGracePeriodSeconds']) {
      if (live?.metadata[field] !== undefined) object.metadata[field] = live.metadata[field];
      else delete object.metadata[field];
    }
    validateObject(type, object);
    checkImmutable(type, live, object);
    if (live && unchanged(live, object)) return live;
    if (isDryRun(request)) return object;
    if (live && isTerminating(live) && !isNamespaceType(type) && finalizersOf(object).length === 0) {
      // The last finalizer of an object being deleted is gone: the deletion completes.
      this.store.remove(live);
      return object;
    }
    object.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(object);
    this.cascaded.delete(cascadeKey(apiVersionOf(type), type.kind, namespace, object.metadata.name));
    return object;
  }

  private defaults(object: KubeObject, live: KubeObject | undefined): void {
    applyDefaults(object, live, () => freeClusterIp(this.store));
  }

  /** A namespaced object is created only in a namespace that exists and is not Terminating. */
  private requireNamespace({ type, namespace }: ResourceRequest, name: string): void {
    if (!type.namespaced) return;
    const found = namespace ? this.store.get('v1', 'Namespace', undefined, namespace) : undefined;
    if (!found) throw notFound('namespaces', '', namespace ?? '');
    if (isTerminating(found))
      throw creationInTerminatingNamespace(
        type.group === '' ? type.plural : `${type.plural}.${type.group}`,
        name,
        found.metadata.name,
      );
  }

  private checkResourceVersion(
    { type }: ResourceRequest,
    live: KubeObject,
    wanted: string | undefined,
  ): void {
    if (wanted !== undefined && wanted !== '' && wanted !== live.metadata.resourceVersion) {
      throw conflict(
        type.plural,
        type.group,
        live.metadata.name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
  }

  private existing({ type, namespace, name }: ResourceRequest): KubeObject {
    const found = this.find(type, namespace, name ?? '');
    if (!found) throw notFound(type.plural, type.group, name ?? '');
    return found;
  }

  private find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(apiVersionOf(type), type.kind, type.namespaced ? namespace : undefined, name);
  }

  private timestamp(): string {
    return `${this.now().toISOString().slice(0, 19)}Z`;
  }
}
