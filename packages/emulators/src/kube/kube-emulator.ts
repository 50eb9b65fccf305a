import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkEksRequest, eksAuthorizes, eksUser } from '../eks/eks-mode.ts';
import { ControllerWriter } from './controllers/controller-writer.ts';
import { ensureLocalNode } from './controllers/local-node.ts';
import { nodeName } from './controllers/pod-status.ts';
import { runControllers } from './controllers/run-controllers.ts';
import {
  aggregatedDiscovery,
  aggregatedDiscoveryType,
  apiGroup,
  coreVersions,
  groupList,
  resourceList,
  versionInfo,
  wantsAggregatedDiscovery,
} from './discovery.ts';
import { KubeApi } from './kube-api.ts';
import type { KubeCall, KubeEmulatorHandle, KubeEmulatorOptions } from './kube-emulator-options.ts';
import type { KubeObject } from './kube-object.ts';
import { type KubeRoute, parseRoute } from './kube-route.ts';
import { KubeStatusError } from './kube-status-error.ts';
import { KubeStore } from './kube-store.ts';
import { kubeconfigFor } from './kubeconfig.ts';
import { openApiGroupVersion, openApiRoot, openApiV2 } from './openapi.ts';
import {
  openApiV2Protobuf,
  openApiV2ProtobufServedType,
  openApiV2ProtobufType,
} from './openapi-v2-protobuf.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { decodeProtobufBody, protobufContentType } from './protobuf-body.ts';
import type { Verb } from './resource-request.ts';
import { ResourceRegistry } from './resource-types.ts';
import { handleScale } from './scale-subresource.ts';
import {
  type Authorizer,
  answerReview,
  type KubeUser,
  localAdministrator,
  reviewTypes,
} from './self-subject-review.ts';
import { handleStatus } from './status-subresource.ts';
import { tableContentType, toTable, wantsTable } from './table.ts';
import { isWatch, prepareWatch } from './watch.ts';

/** A response body, or a watch that writes its own streaming response. */
type Served =
  | { status: number; body: unknown; type?: string }
  | { stream: (response: ServerResponse) => void };

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const verbs: Record<string, [single: Verb, collection: Verb | undefined]> = {
  GET: ['get', 'list'],
  POST: ['create', 'create'],
  PUT: ['update', undefined],
  PATCH: ['patch', undefined],
  DELETE: ['delete', undefined],
};

/** Starts the Kubernetes API emulator on loopback: enough of the API for kubectl and client-node. */
export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulatorHandle> {
  const registry = new ResourceRegistry([...reviewTypes, ...(options.extraResources ?? [])]);
  const store = new KubeStore(options.stateDir);
  const now = options.now ?? (() => new Date());
  const api = new KubeApi(store, now);
  const host = options.host ?? '127.0.0.1';
  for (const name of systemNamespaces) ensureNamespace(api, name);
  const timestamp = () => `${now().toISOString().slice(0, 19)}Z`;
  ensureLocalNode(store.get('v1', 'Node', undefined, nodeName), new ControllerWriter(store, timestamp));
  // The controllers run whenever the cluster moved since they last settled it, including by writes of
  // another process sharing the state directory, so every answer shows a settled cluster.
  let settledAt = '';
  const settle = () => {
    if (store.currentResourceVersion === settledAt) return;
    runControllers(store, timestamp);
    settledAt = store.currentResourceVersion;
  };
  settle();
  const calls: KubeCall[] = [];
  let endpoint = '';

  /** The caller of one request and what the cluster lets it do: the EKS identity in EKS mode, else an administrator. */
  const callerOf = (arn: string | undefined): { user: KubeUser; authorize: Authorizer } => {
    const eks = options.eks;
    if (!eks || arn === undefined) return { user: localAdministrator, authorize: () => true };
    const namespaced = (group: string, plural: string) =>
      registry.types.some((t) => t.group === group && t.plural === plural && t.namespaced);
    return { user: eksUser(arn), authorize: (question) => eksAuthorizes(eks, arn, question, namespaced) };
  };

  const route = (
    request: IncomingMessage,
    url: URL,
    body: string,
    contentType: string,
    caller: { user: KubeUser; authorize: Authorizer },
  ): Served => {
    const target = parseRoute(url.pathname);
    if (request.method === 'GET' && target.kind !== 'resource')
      return discovery(target, request.headers.accept);
    if (target.kind !== 'resource') throw notFoundPath();
    const type = registry.byPlural(target.group, target.version, target.plural);
    if (!type) throw notFoundPath();
    if (type.review) {
      const parsed = body.trim() === '' ? {} : parseJsonBody(body);
      const review = { method: request.method ?? '', name: target.name, body: parsed };
      return answerReview(type, review, caller.user, caller.authorize);
    }
    const scale = target.subresource === 'scale' && type.scalable === true;
    const status = target.subresource === 'status' && type.kind === 'Pod' && type.group === '';
    if (target.subresource !== undefined && !scale && !status) throw notFoundPath();
    if (target.namespace !== undefined && !type.namespaced) throw notFoundPath();
    if (request.method === 'GET' && isWatch(url.searchParams) && !scale && !status) {
      const { namespace, name } = target;
      return { stream: prepareWatch(store, { type, namespace, name, query: url.searchParams }) };
    }
    const verb = verbs[request.method ?? '']?.[target.name === undefined ? 1 : 0];
    if (!verb) throw new KubeStatusError(405, 'MethodNotAllowed', `${request.method} is not supported here`);
    const resourceRequest = {
      verb,
      type,
      namespace: target.namespace,
      name: target.name,
      query: url.searchParams,
      contentType,
      userAgent: request.headers['user-agent'] ?? '',
      body,
    };
    if (scale) return handleScale(api, resourceRequest);
    if (status) return handleStatus(api, store, resourceRequest);
    const result = api.handle(resourceRequest);
    if ((verb !== 'get' && verb !== 'list') || !wantsTable(request.headers.accept)) return result;
    // kubectl get prints what the server tabulates; without a Table it falls back to NAME and AGE.
    const served = result.body as KubeObject & { items?: KubeObject[] };
    const objects = verb === 'list' ? (served.items ?? []) : [served];
    const resourceVersion = verb === 'list' ? String(served.metadata.resourceVersion) : '';
    return { status: 200, body: toTable(type.kind, objects, resourceVersion, now()), type: tableContentType };
  };

  const discovery = (
    target: KubeRoute,
    accept: string | undefined,
  ): { status: number; body: unknown; type?: string } => {
    const aggregated = wantsAggregatedDiscovery(accept);
    switch (target.kind) {
      case 'version':
        return { status: 200, body: versionInfo() };
      case 'coreDiscovery':
        return aggregated
          ? { status: 200, body: aggregatedDiscovery(registry, true), type: aggregatedDiscoveryType }
          : { status: 200, body: coreVersions(new URL(endpoint).host) };
      case 'groupsDiscovery':
        return aggregated
          ? { status: 200, body: aggregatedDiscovery(registry, false), type: aggregatedDiscoveryType }
          : { status: 200, body: groupList(registry) };
      case 'groupDiscovery':
        if (!registry.groups().includes(target.group)) throw notFoundPath();
        return { status: 200, body: apiGroup(registry, target.group) };
      case 'resourceDiscovery':
        if (registry.inGroupVersion(target.group, target.version).length === 0) throw notFoundPath();
        return { status: 200, body: resourceList(registry, target.group, target.version) };
      case 'openApiRoot':
        return { status: 200, body: openApiRoot(registry) };
      case 'openApiV2':
        // client-go asks for the protobuf form and decodes nothing else; curl and browsers get JSON.
        return accept?.includes(openApiV2ProtobufType)
          ? { status: 200, body: openApiV2Protobuf(openApiV2()), type: openApiV2ProtobufServedType }
          : { status: 200, body: openApiV2() };
      case 'openApiGroupVersion':
        if (registry.inGroupVersion(target.group, target.version).length === 0) throw notFoundPath();
        return { status: 200, body: openApiGroupVersion(registry, target.group, target.version) };
      default:
        throw notFoundPath();
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const url = new URL(request.url ?? '/', 'http://emulator');
      let result: Served;
      try {
        const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (options.authenticate && !options.authenticate(bearer)) throw unauthorized();
        let arn: string | undefined;
        if (options.eks) {
          const method = request.method ?? '';
          const namespaced = (group: string, version: string, plural: string) =>
            registry.byPlural(group, version, plural)?.namespaced ?? false;
          arn = await checkEksRequest(options.eks, { method, url, bearer }, namespaced);
        }
        const caller = callerOf(arn);
        settle();
        const raw = Buffer.concat(chunks);
        const sent = request.headers['content-type'] ?? '';
        // kubectl's typed clients send built-in kinds as protobuf; the API works on their JSON form.
        result = sent.startsWith(protobufContentType)
          ? route(request, url, JSON.stringify(decodeProtobufBody(raw)), 'application/json', caller)
          : route(request, url, raw.toString('utf8'), sent, caller);
        settle();
      } catch (error) {
        const status = error instanceof KubeStatusError ? error : internal(error);
        result = { status: status.code, body: status.toStatus() };
      }
      calls.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.search,
        status: 'stream' in result ? 200 : result.status,
        ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}),
      });
      if ('stream' in result) return result.stream(response);
      send(response, result.status, result.body, result.type);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host}:${port}`;

  return {
    endpoint,
    port,
    calls,
    onChange: (listener) => store.events.subscribe(listener),
    snapshot: () => store.snapshot(),
    restore: (state) => {
      store.restore(state);
      settle();
    },
    kubeconfig: () => kubeconfigFor(endpoint),
    writeKubeconfig: (path) => writeFileSync(path, kubeconfigFor(endpoint)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function ensureNamespace(api: KubeApi, name: string): void {
  const type = new ResourceRegistry().byPlural('', 'v1', 'namespaces')!;
  const base = {
    type,
    query: new URLSearchParams(),
    contentType: 'application/json',
    userAgent: 'kube-apiserver',
  };
  try {
    api.handle({ ...base, verb: 'get', name, body: '' });
  } catch {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    api.handle({ ...base, verb: 'create', body });
  }
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = Buffer.isBuffer(body) ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const unauthorized = (): KubeStatusError => new KubeStatusError(401, 'Unauthorized', 'Unauthorized');

const notFoundPath = (): KubeStatusError =>
  new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');

const internal = (error: unknown): KubeStatusError =>
  new KubeStatusError(
    500,
    'BadRequest',
    `internal error: ${error instanceof Error ? error.message : String(error)}`,
    undefined,
    {
      cause: error,
    },
  );
