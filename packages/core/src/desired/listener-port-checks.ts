import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { PathSegment } from '../manifests/manifest-object.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import type { DesiredMeshResource } from './desired-state.ts';

type Spec = Record<string, unknown>;
const obj = (v: unknown): Spec => (typeof v === 'object' && v !== null ? (v as Spec) : {});
const ROUTE_TYPES = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;
const typeOf = (spec: Spec) => ROUTE_TYPES.find((t) => spec[t] !== undefined);

/**
 * The port rules App Mesh checks across resources, at write time, after earlier writes succeeded: a route
 * target whose node has several listeners needs a port; a gateway route needs a match port when its gateway
 * has several listeners, and a target port when its service's provider has. Resources outside the set (ARN
 * references, shared meshes) are App Mesh's to check.
 */
export function checkListenerPortReferences(
  resources: readonly DesiredMeshResource[],
  objects: readonly AppMeshObject[],
): Diagnostic[] {
  const listenersOf = new Map<string, number>();
  const providerOf = new Map<string, Spec>();
  for (const r of resources) {
    const spec = obj(r.spec);
    if (r.kind === 'VirtualNode' || r.kind === 'VirtualRouter' || r.kind === 'VirtualGateway')
      listenersOf.set(
        `${r.meshName}|${r.kind}|${r.name}`,
        (spec.listeners as unknown[] | undefined)?.length ?? 0,
      );
    if (r.kind === 'VirtualService') providerOf.set(`${r.meshName}|${r.name}`, obj(spec.provider));
  }
  const many = (mesh: string, kind: string, name: unknown) =>
    (listenersOf.get(`${mesh}|${kind}|${String(name)}`) ?? 0) > 1;
  const manifestOf = new Map(objects.map((o) => [`${o.kind}|${o.namespace}|${o.name}`, o.manifest]));
  const out: Diagnostic[] = [];

  for (const r of resources) {
    if (r.kind !== 'Route' && r.kind !== 'GatewayRoute') continue;
    const manifest = manifestOf.get(
      `${r.source.ref.kind}|${r.source.ref.namespace ?? ''}|${r.source.ref.name}`,
    );
    const spec = obj(r.spec);
    const type = typeOf(spec);
    if (!manifest || !type) continue;
    const route = obj(spec[type]);
    const action = obj(route.action);
    // The CRD path of the route: a Route lives in its router's spec.routes, a GatewayRoute is its own object.
    const index = ((manifest.body.spec as Spec | undefined)?.routes as Spec[] | undefined)?.findIndex(
      (x) => x.name === r.name,
    );
    const base: PathSegment[] = r.kind === 'Route' ? ['spec', 'routes', index ?? 0, type] : ['spec', type];
    const fail = (path: PathSegment[], message: string) =>
      out.push(at(manifest, [...base, ...path], 'rule-violation', message));
    if (r.kind === 'Route') {
      (action.weightedTargets as Spec[] | undefined)?.forEach((t, j) => {
        if (t.port === undefined && many(r.meshName, 'VirtualNode', t.virtualNode))
          fail(
            ['action', 'weightedTargets', j],
            `virtual node ${String(t.virtualNode)} has several listeners, so the target needs a port`,
          );
      });
      continue;
    }
    if (obj(route.match).port === undefined && many(r.meshName, 'VirtualGateway', r.virtualGatewayName))
      fail(
        ['match'],
        `virtual gateway ${r.virtualGatewayName} has several listeners, so match.port is required`,
      );
    const target = obj(action.target);
    const service = obj(target.virtualService).virtualServiceName;
    const provider = providerOf.get(`${r.meshName}|${String(service)}`);
    const node = obj(provider?.virtualNode).virtualNodeName;
    const router = obj(provider?.virtualRouter).virtualRouterName;
    const several =
      node !== undefined ? many(r.meshName, 'VirtualNode', node) : many(r.meshName, 'VirtualRouter', router);
    if (target.port === undefined && several)
      fail(
        ['action', 'target'],
        `the provider of virtual service ${String(service)} has several listeners, so target.port is required`,
      );
  }
  return out;
}
