import { type DetectDriftResult, type DriftItem, type MeshResourceKind, meshResourceKey } from '@meshcd/core';

type CountedResource = DetectDriftResult['resources'][number];
type DriftState = DriftItem['state'];

/** Columns of the drawing, left to right: the way traffic flows from a gateway to the nodes. */
export const topologyColumns = [
  'VirtualGateway',
  'GatewayRoute',
  'VirtualService',
  'VirtualRouter',
  'Route',
  'VirtualNode',
] as const satisfies readonly MeshResourceKind[];

export type TopologyKind = (typeof topologyColumns)[number];

export interface TopologyNode {
  /** The inventory key. */
  id: string;
  kind: TopologyKind;
  meshName: string;
  name: string;
  column: number;
  /** Drift state, when the resource was classified. */
  state?: DriftState;
  /** A Cloud Map node: its instances found in Cloud Map, and the ones its pods call for. */
  instances?: { registered: number; expected: number };
}

/**
 * `flow`: traffic goes from → to (gateway → gateway route → service → router → route → node).
 * `backend`: the node `from` calls the service `to` (the node's `backends`), the way back up the columns.
 */
export type TopologyEdgeKind = 'flow' | 'backend';

export interface TopologyEdge {
  from: string;
  to: string;
  kind: TopologyEdgeKind;
  /** Route weights, on route → node edges. */
  weight?: number;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

const isTopologyKind = (k: string): k is TopologyKind => (topologyColumns as readonly string[]).includes(k);

const at = (v: unknown, ...path: string[]): unknown => {
  let cur = v;
  for (const p of path)
    cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
};

const routeTypes = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'];
const key = (
  meshName: string,
  kind: 'VirtualGateway' | 'VirtualService' | 'VirtualRouter' | 'VirtualNode',
  name: string,
) => meshResourceKey({ meshName, kind, name });

/** Edges a resource's spec (or parent) implies, by inventory key. */
function edgesOf(r: CountedResource): TopologyEdge[] {
  const out: TopologyEdge[] = [];
  const flow = (from: string, to: string) => out.push({ from, to, kind: 'flow' });
  if (r.kind === 'GatewayRoute' && r.virtualGatewayName) {
    flow(key(r.meshName, 'VirtualGateway', r.virtualGatewayName), r.key);
    for (const t of routeTypes) {
      const vs = at(r.spec, t, 'action', 'target', 'virtualService', 'virtualServiceName');
      if (typeof vs === 'string') flow(r.key, key(r.meshName, 'VirtualService', vs));
    }
  }
  if (r.kind === 'VirtualService') {
    const router = at(r.spec, 'provider', 'virtualRouter', 'virtualRouterName');
    const node = at(r.spec, 'provider', 'virtualNode', 'virtualNodeName');
    if (typeof router === 'string') flow(r.key, key(r.meshName, 'VirtualRouter', router));
    if (typeof node === 'string') flow(r.key, key(r.meshName, 'VirtualNode', node));
  }
  if (r.kind === 'Route' && r.virtualRouterName) {
    flow(key(r.meshName, 'VirtualRouter', r.virtualRouterName), r.key);
    for (const t of routeTypes) {
      const targets = at(r.spec, t, 'action', 'weightedTargets');
      if (!Array.isArray(targets)) continue;
      for (const target of targets) {
        const node = at(target, 'virtualNode');
        const weight = at(target, 'weight');
        if (typeof node === 'string')
          out.push({
            from: r.key,
            to: key(r.meshName, 'VirtualNode', node),
            kind: 'flow',
            ...(typeof weight === 'number' ? { weight } : {}),
          });
      }
    }
  }
  if (r.kind === 'VirtualNode') {
    const backends = at(r.spec, 'backends');
    for (const b of Array.isArray(backends) ? backends : []) {
      const vs = at(b, 'virtualService', 'virtualServiceName');
      if (typeof vs === 'string')
        out.push({ from: r.key, to: key(r.meshName, 'VirtualService', vs), kind: 'backend' });
    }
  }
  return out;
}

/** Per `<mesh>/<node>`: Cloud Map instances present (all but Missing) and expected (all but stale or foreign). */
function instanceCounts(items: readonly DriftItem[]): Map<string, { registered: number; expected: number }> {
  const out = new Map<string, { registered: number; expected: number }>();
  for (const i of items) {
    if (i.kind !== 'CloudMapInstance' || !i.node || !i.meshName) continue;
    const k = `${i.meshName}/${i.node}`;
    const c = out.get(k) ?? { registered: 0, expected: 0 };
    if (i.state !== 'Missing') c.registered++;
    if (i.state !== 'Unmanaged') c.expected++;
    out.set(k, c);
  }
  return out;
}

/**
 * The mesh as a layered graph: gateways → gateway routes → virtual services → routers → routes → nodes,
 * one column per kind, plus the nodes' backend edges back to the services they call. Nodes and edges are
 * in key order, so the same mesh is always laid out the same way. Resources that only drift knows of
 * (missing ones) are drawn from their expected spec.
 */
export function buildTopology(resources: readonly CountedResource[], items: readonly DriftItem[]): Topology {
  const states = new Map(items.map((i) => [i.key, i.state]));
  const instances = instanceCounts(items);
  const byKey = new Map<string, CountedResource>();
  for (const r of resources) if (isTopologyKind(r.kind) && !byKey.has(r.key)) byKey.set(r.key, r);
  const nodes: TopologyNode[] = [...byKey.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      const column = topologyColumns.indexOf(r.kind as TopologyKind);
      const state = states.get(r.key);
      const counted = r.kind === 'VirtualNode' ? instances.get(`${r.meshName}/${r.name}`) : undefined;
      return {
        id: r.key,
        kind: r.kind as TopologyKind,
        meshName: r.meshName,
        name: r.name,
        column,
        ...(state ? { state } : {}),
        ...(counted ? { instances: counted } : {}),
      };
    });
  const ids = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  const edges = [...byKey.values()]
    .flatMap(edgesOf)
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .filter((e) => {
      const id = `${e.kind}:${e.from}>${e.to}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  return { nodes, edges };
}
