import type { DriftState } from '../drift/drift-item.ts';
import { escapeHtml } from './escape-html.ts';
import { type Topology, type TopologyNode, topologyColumns } from './topology.ts';

/** Colours and strokes per drift state; drift is red so it stands out (and tests can find it in a screenshot). */
export const stateStyle: Record<
  DriftState | 'none',
  { stroke: string; fill: string; width: number; dash?: string }
> = {
  InSync: { stroke: '#4a5568', fill: '#f7fafc', width: 1.5 },
  Modified: { stroke: '#d62728', fill: '#fdecea', width: 3 },
  Missing: { stroke: '#d62728', fill: '#ffffff', width: 3, dash: '6 4' },
  Unmanaged: { stroke: '#ff7f0e', fill: '#fff4e5', width: 3 },
  Unknown: { stroke: '#7f7f7f', fill: '#eeeeee', width: 2, dash: '2 3' },
  none: { stroke: '#4a5568', fill: '#f7fafc', width: 1.5 },
};

const columnTitles: Record<(typeof topologyColumns)[number], string> = {
  VirtualGateway: 'Virtual gateways',
  GatewayRoute: 'Gateway routes',
  VirtualService: 'Virtual services',
  VirtualRouter: 'Virtual routers',
  Route: 'Routes',
  VirtualNode: 'Virtual nodes',
};

const box = { width: 190, height: 34, columnGap: 60, rowGap: 16, top: 40, left: 10 };
const x = (column: number) => box.left + column * (box.width + box.columnGap);
const y = (row: number) => box.top + row * (box.height + box.rowGap);
const fit = (text: string, max = 27) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function nodeSvg(n: TopologyNode, multiMesh: boolean): string {
  const s = stateStyle[n.state ?? 'none'];
  const label = multiMesh ? `${n.meshName}/${n.name}` : n.name;
  const counted = n.instances ? `${n.instances.registered}/${n.instances.expected} inst.` : undefined;
  return [
    `<g class="node state-${(n.state ?? 'none').toLowerCase()}" data-key="${escapeHtml(n.id)}" data-kind="${n.kind}" data-state="${n.state ?? ''}">`,
    `<title>${escapeHtml(`${n.kind} ${label}${n.state ? ` — ${n.state}` : ''}${n.instances ? ` — Cloud Map instances: ${n.instances.registered} registered, ${n.instances.expected} expected` : ''}`)}</title>`,
    `<rect x="${x(n.column)}" y="${y(n.row)}" width="${box.width}" height="${box.height}" rx="6" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    `<text x="${x(n.column) + 8}" y="${y(n.row) + 21}" font-size="11">${escapeHtml(fit(label, counted ? 19 : 27))}</text>`,
    ...(counted
      ? [
          `<text class="instances" x="${x(n.column) + box.width - 6}" y="${y(n.row) + 21}" font-size="10" text-anchor="end" fill="#2d3748">${counted}</text>`,
        ]
      : []),
    '</g>',
  ].join('');
}

/** Legend entries for the states that need explaining. */
const legend: Array<[DriftState, string]> = [
  ['InSync', 'in sync'],
  ['Modified', 'modified outside meshcd'],
  ['Missing', 'missing (deleted outside meshcd)'],
  ['Unmanaged', 'not in Git'],
  ['Unknown', 'could not be checked'],
];

/**
 * The topology as an inline SVG: fixed columns, rows in key order, cubic edges from a box's right side to
 * the next box's left side, weights at the edge's end. Deterministic: the same report draws the same SVG.
 */
export function renderTopologySvg(topology: Topology): string {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const multiMesh = new Set(topology.nodes.map((n) => n.meshName)).size > 1;
  const rows = Math.max(1, ...topology.nodes.map((n) => n.row + 1));
  const legendTop = y(rows) + 10;
  const width = x(topologyColumns.length) - box.columnGap + box.left;
  const height = legendTop + 30;

  const headers = topologyColumns.map(
    (kind, c) =>
      `<text class="column" x="${x(c)}" y="22" font-size="12" font-weight="bold">${columnTitles[kind]}</text>`,
  );
  const edges = topology.edges.flatMap((e) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) return [];
    const x1 = x(from.column) + box.width;
    const y1 = y(from.row) + box.height / 2;
    const x2 = x(to.column);
    const y2 = y(to.row) + box.height / 2;
    const mid = (x1 + x2) / 2;
    const path = `<path class="edge" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#a0aec0" stroke-width="1.5" marker-end="url(#arrow)"/>`;
    const weight =
      e.weight === undefined
        ? ''
        : `<text class="weight" x="${x2 - 22}" y="${y2 - 4}" font-size="10" fill="#2d3748">${e.weight}</text>`;
    return [path + weight];
  });
  const nodes = topology.nodes.map((n) => nodeSvg(n, multiMesh));
  const legendItems = legend.map(([state, text], i) => {
    const s = stateStyle[state];
    const lx = box.left + i * 240;
    return `<g class="legend-item"><rect x="${lx}" y="${legendTop}" width="18" height="14" rx="3" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${lx + 24}" y="${legendTop + 11}" font-size="11">${text}</text></g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#a0aec0"/></marker></defs>',
    ...headers,
    ...edges,
    ...nodes,
    ...legendItems,
    '</svg>',
  ].join('\n');
}
