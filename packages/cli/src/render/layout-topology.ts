import type { ELK as Elk, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import {
  type Topology,
  type TopologyEdge,
  type TopologyKind,
  type TopologyNode,
  topologyColumns,
} from '../report/topology.ts';
import { lineChars, nameLines, subline } from './node-text.ts';

export interface Point {
  x: number;
  y: number;
}

/** A resource's box: top-left corner and size, its name in lines as it fits, and its state line. */
export interface PlacedNode {
  node: TopologyNode;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  sub: string;
}

/** An edge as a polyline from its `from` box to its `to` box; a weight's label has its own box. */
export interface PlacedEdge {
  edge: TopologyEdge;
  points: Point[];
  weightBox?: { x: number; y: number; width: number; height: number };
}

/** One mesh, laid out: the drawing's size, the column headers' left edges, boxes and edges. */
export interface MeshLayout {
  meshName: string;
  width: number;
  height: number;
  columns: Array<{ kind: TopologyKind; x: number }>;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/**
 * Box metrics. Text width is estimated (the page is drawn without measuring fonts); 7 px a character at
 * 12 px covers lowercase names, digits, `-` and `_`, and the HTML report test checks that every label fits.
 */
export const boxMetrics = {
  padding: 10,
  charWidth: 7,
  /** The state line's 10 px text. */
  subCharWidth: 6,
  minWidth: 110,
  /** Name lines: 12 px text, 15 px apart; the state line: 10 px text, 13 px below. */
  lineHeight: 15,
  subHeight: 13,
  minHeight: 34,
  /** Room a side gives each edge meeting it. */
  edgeGap: 8,
  headerHeight: 30,
  weightWidth: 28,
  weightHeight: 14,
} as const;

const boxWidth = (lines: readonly string[], sub: string) =>
  Math.max(
    boxMetrics.minWidth,
    2 * boxMetrics.padding +
      Math.max(
        Math.min(lineChars, Math.max(...lines.map((l) => l.length))) * boxMetrics.charWidth,
        sub.length * boxMetrics.subCharWidth,
      ),
  );

const boxHeight = (lines: readonly string[], sub: string) =>
  Math.max(
    boxMetrics.minHeight,
    12 + lines.length * boxMetrics.lineHeight + (sub ? boxMetrics.subHeight : 0),
  );

/**
 * ELK's layered algorithm (Sugiyama: cycle breaking, layering, crossing minimisation, node placement,
 * orthogonal edge routing around the boxes). Partitions pin each kind to its column, left to right.
 */
const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.partitioning.activate': 'true',
  // One graph, not packed components: a resource with no edges still sits in its kind's column.
  'elk.separateConnectedComponents': 'false',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.spacing.nodeNode': '16',
  'elk.spacing.edgeNode': '12',
  'elk.spacing.edgeEdge': '8',
  'elk.spacing.edgeLabel': '2',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.padding': `[top=${boxMetrics.headerHeight + 6},left=8,bottom=8,right=8]`,
} as const;

/**
 * From this many edges, each column keeps the order the traffic reaches its boxes (flowOrder) instead of
 * leaving it to ELK's crossing minimisation: at 200 resources that heuristic leaves hundreds of crossings
 * between traffic edges among the backends, while in traffic order traffic edges never cross each other,
 * and only backends (dashed) cross them. Small meshes read well either way and keep ELK's own order.
 */
export const trafficOrderFrom = 120;

let elkInstance: Elk | undefined;

/**
 * ELK on first use: its 1.5 MB bundle is loaded only by commands that draw a topology, not by every
 * command that imports core (a plan's start-up would pay for it).
 */
async function elk(): Promise<Elk> {
  if (!elkInstance) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elkInstance = new ELK();
  }
  return elkInstance;
}

/** Splits by mesh, keeping key order within each. */
function byMesh(topology: Topology): Map<string, Topology> {
  const meshes = new Map<string, Topology>();
  for (const n of topology.nodes) {
    const t = meshes.get(n.meshName) ?? { nodes: [], edges: [] };
    t.nodes.push(n);
    meshes.set(n.meshName, t);
  }
  const meshOf = new Map(topology.nodes.map((n) => [n.id, n.meshName]));
  for (const e of topology.edges) meshes.get(meshOf.get(e.from)!)?.edges.push(e);
  return meshes;
}

/** Edges meeting each box's left and right sides, as laid out (backend edges reversed). */
function sideDegrees(mesh: Topology): Map<string, number> {
  const degree = new Map<string, number>();
  const bump = (id: string) => degree.set(id, (degree.get(id) ?? 0) + 1);
  for (const e of mesh.edges) {
    bump(`${e.kind === 'backend' ? e.to : e.from}>`);
    bump(`>${e.kind === 'backend' ? e.from : e.to}`);
  }
  return degree;
}

/**
 * The boxes in the order the traffic reaches them: depth first from the gateways (and from each box no
 * edge reaches), along traffic edges in their order. ELK keeps this order where it can (model order), so
 * each gateway's routes, their services, routers, routes and nodes line up across the columns instead of
 * each column being sorted by name on its own.
 */
function flowOrder(mesh: Topology): Topology['nodes'] {
  const next = new Map<string, string[]>();
  const reached = new Set<string>();
  for (const e of mesh.edges) {
    if (e.kind === 'backend') continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    reached.add(e.to);
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
    for (const to of next.get(id) ?? []) visit(to);
  };
  const sources = [...mesh.nodes].sort((a, b) => a.column - b.column).filter((n) => !reached.has(n.id));
  for (const n of sources) visit(n.id);
  for (const n of mesh.nodes) visit(n.id);
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...mesh.nodes].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

function elkGraph(mesh: Topology): ElkNode {
  const large = mesh.edges.length >= trafficOrderFrom;
  const degree = sideDegrees(mesh);
  // A box grows with the edges meeting a side, so a gateway with many routes does not hide behind them.
  const sideHeight = (id: string) =>
    8 + boxMetrics.edgeGap * Math.max(degree.get(`${id}>`) ?? 0, degree.get(`>${id}`) ?? 0);
  const edges: ElkExtendedEdge[] = mesh.edges.map((e, i) => ({
    id: `e${i}`,
    // A backend edge runs back up the columns (node → service); it is laid out service → node, like
    // the flow, so every edge goes left to right, and drawn reversed.
    sources: [e.kind === 'backend' ? e.to : e.from],
    targets: [e.kind === 'backend' ? e.from : e.to],
    ...(e.weight === undefined
      ? {}
      : {
          labels: [
            {
              text: String(e.weight),
              width: boxMetrics.weightWidth,
              height: boxMetrics.weightHeight,
              layoutOptions: { 'elk.edgeLabels.placement': 'HEAD' },
            },
          ],
        }),
  }));
  return {
    id: 'root',
    layoutOptions: large
      ? { ...layoutOptions, 'elk.layered.crossingMinimization.forceNodeModelOrder': 'true' }
      : layoutOptions,
    children: (large ? flowOrder(mesh) : mesh.nodes).map((n) => {
      const lines = nameLines(n.name);
      const sub = subline(n);
      return {
        id: n.id,
        width: boxWidth(lines, sub),
        height: Math.max(boxHeight(lines, sub), sideHeight(n.id)),
        layoutOptions: { 'elk.partitioning.partition': String(n.column) },
      };
    }),
    edges,
  };
}

function placeEdge(e: TopologyEdge, laid: ElkExtendedEdge): PlacedEdge {
  const points = (laid.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  const label = laid.labels?.[0];
  return {
    edge: e,
    points: e.kind === 'backend' ? points.reverse() : points,
    ...(label?.x !== undefined && label.y !== undefined
      ? { weightBox: { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 } }
      : {}),
  };
}

/** Lays out each mesh of the topology on its own, meshes in name order. Deterministic for the same input. */
export async function layoutTopology(topology: Topology): Promise<MeshLayout[]> {
  const meshes = [...byMesh(topology).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: MeshLayout[] = [];
  for (const [meshName, mesh] of meshes) {
    const laid = await (await elk()).layout(elkGraph(mesh));
    const boxes = new Map((laid.children ?? []).map((c) => [c.id, c]));
    const laidEdges = new Map((laid.edges ?? []).map((e) => [e.id, e]));
    const nodes = mesh.nodes.map((n) => {
      const b = boxes.get(n.id)!;
      return {
        node: n,
        x: b.x ?? 0,
        y: b.y ?? 0,
        width: b.width ?? 0,
        height: b.height ?? 0,
        lines: nameLines(n.name),
        sub: subline(n),
      };
    });
    const columns = topologyColumns.flatMap((kind) => {
      const xs = nodes.filter((p) => p.node.kind === kind).map((p) => p.x);
      return xs.length ? [{ kind, x: Math.min(...xs) }] : [];
    });
    out.push({
      meshName,
      width: laid.width ?? 0,
      height: laid.height ?? 0,
      columns,
      nodes,
      edges: mesh.edges.map((e, i) => placeEdge(e, laidEdges.get(`e${i}`)!)),
    });
  }
  return out;
}
