import type { Point } from '../../packages/cli/src/render/layout-topology.ts';

/** The drawn polylines of one mesh: each edge's points in order, as laid out. */
export type Polyline = readonly Point[];

type Segment = { a: Point; b: Point };

const segments = (line: Polyline): Segment[] => line.slice(1).map((b, i) => ({ a: line[i]!, b }));

/** True when two segments cross at a point inside both (touching ends and overlapping runs do not count). */
function cross(s: Segment, t: Segment): boolean {
  const d = (p: Point, q: Point, r: Point) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = d(t.a, t.b, s.a);
  const d2 = d(t.a, t.b, s.b);
  const d3 = d(s.a, s.b, t.a);
  const d4 = d(s.a, s.b, t.b);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** How many times two different edges cross each other in the drawing. */
export function crossings(lines: readonly Polyline[]): number {
  const all = lines.map(segments);
  let n = 0;
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      for (const s of all[i]!) for (const t of all[j]!) if (cross(s, t)) n++;
  return n;
}

/** The length of a polyline. */
export const lengthOf = (line: Polyline): number =>
  segments(line).reduce((sum, s) => sum + Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y), 0);
