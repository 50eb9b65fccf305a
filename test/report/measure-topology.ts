/** What the page drew, read back from the DOM in SVG user units (independent of the frame's scaling). */
export interface DrawnMesh {
  mesh: string;
  nodes: string[];
  /** The edges shown (a hidden layer's are left out), each with its path as drawn. */
  edges: Array<{ kind: string; from: string; to: string; weight: string | null; d: string }>;
  /** Geometric faults: an edge through a box, an edge not touching its ends, a label out of its box … */
  problems: string[];
  /** Each box's outline on the page (CSS px, document coordinates) and its stroke colour, for the pixels. */
  screenBoxes: Array<{ key: string; x: number; y: number; width: number; height: number; stroke: string }>;
  /** The mesh's frame scrolls sideways (the drawing is wider than the page allows). */
  scrolls: boolean;
}

/** The few DOM members the measurement uses (the project compiles without the DOM library). */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface El {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  parentElement: El | null;
  scrollWidth: number;
  clientWidth: number;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  getAttribute(name: string): string | null;
  getBBox(): Rect;
  getBoundingClientRect(): Rect;
  getTotalLength(): number;
  getPointAtLength(length: number): { x: number; y: number };
}
declare const document: { querySelectorAll(selector: string): ArrayLike<El>; documentElement: El };
declare const window: { scrollX: number; scrollY: number; innerWidth: number };

/**
 * Runs inside the page (serialised by Playwright, so self-contained). Walks every drawn edge pixel by pixel
 * along its path as Chromium draws it and reports each point strictly inside any box; checks that each
 * edge starts on its `from` box and ends on its `to` box, that labels fit their boxes, that boxes do not
 * overlap, and that weights stay off the boxes.
 */
export function measureTopology(): { meshes: DrawnMesh[]; pageScrollsSideways: boolean } {
  type Box = { key: string; x: number; y: number; w: number; h: number };
  const inside = (b: Box, p: { x: number; y: number }, inset: number) =>
    p.x > b.x + inset && p.x < b.x + b.w - inset && p.y > b.y + inset && p.y < b.y + b.h - inset;
  const onOutline = (b: Box, p: { x: number; y: number }, tol: number) =>
    !inside(b, p, tol) &&
    p.x >= b.x - tol &&
    p.x <= b.x + b.w + tol &&
    p.y >= b.y - tol &&
    p.y <= b.y + b.h + tol;
  const overlap = (a: Box, b: Box) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const boxOf = (el: El, key: string): Box => {
    const r = el.getBBox();
    return { key, x: r.x, y: r.y, w: r.width, h: r.height };
  };
  const meshes: DrawnMesh[] = [];
  for (const svg of Array.from(document.querySelectorAll('svg.topology'))) {
    const mesh = svg.dataset.mesh ?? '';
    const problems: string[] = [];
    const groups = Array.from(svg.querySelectorAll('g.node'));
    const boxes = groups.map((g) => boxOf(g.querySelector('rect')!, g.dataset.key!));
    const byKey = new Map(boxes.map((b) => [b.key, b]));
    // Labels inside their box; boxes apart from each other.
    groups.forEach((g, i) => {
      for (const text of Array.from(g.querySelectorAll('text'))) {
        const t = boxOf(text, '');
        const b = boxes[i]!;
        if (t.x < b.x + 2 || t.x + t.w > b.x + b.w - 2 || t.y < b.y || t.y + t.h > b.y + b.h)
          problems.push(`label "${text.textContent}" overflows the box of ${b.key}`);
      }
      for (const other of boxes.slice(i + 1))
        if (overlap(boxes[i]!, other)) problems.push(`boxes ${boxes[i]!.key} and ${other.key} overlap`);
    });
    const edges: DrawnMesh['edges'] = [];
    for (const path of Array.from(svg.querySelectorAll('path.edge'))) {
      const { kind = '', from = '', to = '' } = path.dataset;
      // A hidden layer (display: none) has no box on screen; a drawn edge, even a straight one, has.
      const shown = path.getBoundingClientRect();
      if (shown.width === 0 && shown.height === 0) continue;
      const weight = path.parentElement?.querySelector('text.weight')?.textContent ?? null;
      edges.push({ kind, from, to, weight, d: path.getAttribute('d') ?? '' });
      const name = `${kind} edge ${from} → ${to}`;
      const length = path.getTotalLength();
      if (!(length > 0)) {
        problems.push(`${name} has no length`);
        continue;
      }
      const start = path.getPointAtLength(0);
      const end = path.getPointAtLength(length);
      if (!byKey.has(from) || !onOutline(byKey.get(from)!, start, 1.5))
        problems.push(`${name} does not start on its from box (${start.x},${start.y})`);
      if (!byKey.has(to) || !onOutline(byKey.get(to)!, end, 1.5))
        problems.push(`${name} does not end on its to box (${end.x},${end.y})`);
      walk: for (let l = 0; l <= length; l += 1) {
        const p = path.getPointAtLength(l);
        for (const b of boxes)
          if (inside(b, p, 1)) {
            problems.push(`${name} passes through ${b.key} at (${Math.round(p.x)},${Math.round(p.y)})`);
            break walk;
          }
      }
      const label = path.parentElement?.querySelector('text.weight');
      if (label) {
        const t = boxOf(label, '');
        const hit = boxes.find((b) => overlap(b, t));
        if (hit) problems.push(`weight of ${name} covers ${hit.key}`);
      }
    }
    const wrap = svg.parentElement!;
    meshes.push({
      mesh,
      nodes: boxes.map((b) => b.key),
      edges,
      problems,
      screenBoxes: groups.map((g) => {
        const rect = g.querySelector('rect')!;
        const r = rect.getBoundingClientRect();
        return {
          key: g.dataset.key!,
          x: r.x + window.scrollX,
          y: r.y + window.scrollY,
          width: r.width,
          height: r.height,
          stroke: rect.getAttribute('stroke') ?? '',
        };
      }),
      scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    });
  }
  return {
    meshes,
    pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
  };
}
