import type { DriftItem } from '@meshcd/core';
import type { TopologyEdgeKind, TopologyKind } from '../report/topology.ts';
import { escapeHtml as h } from './escape-html.ts';
import {
  boxMetrics,
  type MeshLayout,
  type PlacedEdge,
  type PlacedNode,
  type Point,
} from './layout-topology.ts';
import { stateWords } from './node-text.ts';

type DriftState = DriftItem['state'];
type Stroke = { stroke: string; fill: string; width: number; dash?: string };

/** Colours and strokes per drift state; drift is red so it stands out (and tests can find it in a screenshot). */
export const stateStyle: Record<DriftState | 'none', Stroke> = {
  InSync: { stroke: '#4a5568', fill: '#f7fafc', width: 1.5 },
  Modified: { stroke: '#d62728', fill: '#fdecea', width: 3 },
  Missing: { stroke: '#d62728', fill: '#ffffff', width: 3, dash: '6 4' },
  Unmanaged: { stroke: '#ff7f0e', fill: '#fff4e5', width: 3 },
  Unknown: { stroke: '#7f7f7f', fill: '#eeeeee', width: 2, dash: '2 3' },
  none: { stroke: '#4a5568', fill: '#f7fafc', width: 1.5 },
};

/** Edge strokes: the traffic flow in grey, a node's calls to its backends dashed in violet. */
const edgeStyle: Record<TopologyEdgeKind, { stroke: string; dash?: string; meaning: string }> = {
  flow: { stroke: '#718096', meaning: 'traffic: gateway → route → service → router → route → node' },
  backend: { stroke: '#6b46c1', dash: '6 3', meaning: 'backend: the node calls the service' },
};

const columnTitles: Record<TopologyKind, string> = {
  VirtualGateway: 'Virtual gateways',
  GatewayRoute: 'Gateway routes',
  VirtualService: 'Virtual services',
  VirtualRouter: 'Virtual routers',
  Route: 'Routes',
  VirtualNode: 'Virtual nodes',
};

const strokeAttrs = (s: Stroke) =>
  `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}`;

function nodeSvg(p: PlacedNode): string {
  const { node: n } = p;
  const s = stateStyle[n.state ?? 'none'];
  const { sub } = p;
  const tip = [
    `${n.kind} ${n.name}`,
    `mesh ${n.meshName}`,
    ...(n.state ? [stateWords[n.state]] : []),
    ...(n.instances
      ? [`Cloud Map instances: ${n.instances.registered} registered, ${n.instances.expected} expected`]
      : []),
  ].join('\n');
  const textX = p.x + boxMetrics.padding;
  const block = p.lines.length * boxMetrics.lineHeight + (sub ? boxMetrics.subHeight : 0) - 3;
  const top = p.y + (p.height - block) / 2;
  return [
    `<g class="node state-${(n.state ?? 'none').toLowerCase()}" data-key="${h(n.id)}" data-kind="${n.kind}" data-state="${n.state ?? ''}">`,
    `<title>${h(tip)}</title>`,
    `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="6" ${strokeAttrs(s)}/>`,
    // Text block centred in the box: name lines, then the state line.
    ...p.lines.map(
      (line, i) =>
        `<text class="label" x="${textX}" y="${top + 11 + i * boxMetrics.lineHeight}" font-size="12">${h(line)}</text>`,
    ),
    ...(sub
      ? [
          `<text class="sub" x="${textX}" y="${top + p.lines.length * boxMetrics.lineHeight + 9}" font-size="10" fill="${n.state && n.state !== 'InSync' ? s.stroke : '#4a5568'}">${h(sub)}</text>`,
        ]
      : []),
    '</g>',
  ].join('');
}

const pathOf = (points: readonly Point[]) =>
  points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${pt.x},${pt.y}`).join(' ');

function edgeSvg(p: PlacedEdge, byId: Map<string, PlacedNode>, marker: (k: TopologyEdgeKind) => string) {
  const { edge: e } = p;
  const style = edgeStyle[e.kind];
  const from = byId.get(e.from)?.node;
  const to = byId.get(e.to)?.node;
  const tip =
    e.kind === 'backend'
      ? `${from?.name} calls ${to?.name}`
      : `${from?.name} → ${to?.name}${e.weight === undefined ? '' : `, weight ${e.weight}`}`;
  const weight = p.weightBox
    ? `<text class="weight" x="${p.weightBox.x + p.weightBox.width / 2}" y="${p.weightBox.y + p.weightBox.height - 3}" font-size="11" text-anchor="middle" fill="#1a202c" stroke="#ffffff" stroke-width="3" paint-order="stroke">${e.weight}</text>`
    : '';
  return [
    `<g class="edge-group edge-${e.kind}" data-from="${h(e.from)}" data-to="${h(e.to)}"><title>${h(tip)}</title>`,
    `<path class="edge" data-kind="${e.kind}" data-from="${h(e.from)}" data-to="${h(e.to)}" d="${pathOf(p.points)}" fill="none" stroke="${style.stroke}" stroke-width="1.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} marker-end="url(#${marker(e.kind)})"/>`,
    weight,
    '</g>',
  ].join('');
}

/**
 * One mesh's topology as an inline SVG, from its layout: column headers, edges under boxes, weights on
 * weighted edges, full names and states on hover. `index` keeps marker ids unique within the page.
 */
export function renderTopologySvg(layout: MeshLayout, index = 0): string {
  const byId = new Map(layout.nodes.map((p) => [p.node.id, p]));
  const marker = (kind: TopologyEdgeKind) => `arrow-${kind}-${index}`;
  const markers = (Object.keys(edgeStyle) as TopologyEdgeKind[]).map(
    (kind) =>
      `<marker id="${marker(kind)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${edgeStyle[kind].stroke}"/></marker>`,
  );
  const headers = layout.columns.map(
    (c) =>
      `<text class="column" x="${c.x}" y="${boxMetrics.headerHeight - 10}" font-size="12" font-weight="bold" fill="#2d3748">${columnTitles[c.kind]}</text>`,
  );
  const { width, height } = layout;
  // Scales down to the frame's width, to three quarters at most; past that the frame scrolls.
  const style = `max-width:100%;height:auto;min-width:${Math.round(width * 0.75)}px`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" data-mesh="${h(layout.meshName)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="${style}" font-family="system-ui, sans-serif">`,
    `<defs>${markers.join('')}</defs>`,
    ...headers,
    ...layout.edges.map((e) => edgeSvg(e, byId, marker)),
    ...layout.nodes.map(nodeSvg),
    '</svg>',
  ].join('\n');
}

/** The legend: what the box outlines, the two kinds of edge, the numbers on edges and boxes mean. */
export function renderTopologyLegend(): string {
  const swatch = (inner: string) =>
    `<svg width="34" height="18" viewBox="0 0 34 18" aria-hidden="true">${inner}</svg>`;
  const states = (Object.keys(stateWords) as DriftState[]).map(
    (state) =>
      `<span class="legend-item" data-state="${state}">${swatch(`<rect x="2" y="2" width="30" height="14" rx="3" ${strokeAttrs(stateStyle[state])}/>`)} ${stateWords[state]}</span>`,
  );
  const edges = (Object.keys(edgeStyle) as TopologyEdgeKind[]).map((kind) => {
    const s = edgeStyle[kind];
    return `<span class="legend-item" data-edge="${kind}">${swatch(`<path d="M2,9 L30,9" stroke="${s.stroke}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><path d="M26,5 L32,9 L26,13 z" fill="${s.stroke}"/>`)} ${h(s.meaning)}</span>`;
  });
  return [
    '<div class="legend">',
    ...states,
    '<br>',
    ...edges,
    '<span class="legend-item"><b>50</b> route weight of the target</span>',
    '<span class="legend-item"><b>2/3 inst.</b> Cloud Map instances registered / expected</span>',
    '<span class="legend-item">hover a box for its full name and state and to light up its own edges; click to keep it lit</span>',
    '</div>',
  ].join('\n');
}
