import type { DriftItem } from '@meshcd/core';
import type { TopologyNode } from '../report/topology.ts';

type DriftState = DriftItem['state'];

/** What each drift state means, in the legend and in the box. */
export const stateWords: Record<DriftState, string> = {
  InSync: 'in sync',
  Modified: 'modified outside meshcd',
  Missing: 'missing (deleted outside meshcd)',
  Unmanaged: 'not in Git',
  Unknown: 'could not be checked',
};

/** Characters a box line holds at most; see `boxMetrics` for the width a character is given. */
export const lineChars = 32;

/**
 * A name in at most two lines of `lineChars`. Controller-made names are long (`blue_my-namespace`,
 * `color.my-namespace.svc.cluster.local`), so a long name breaks after its last `_` or `.` that keeps the
 * first line within bounds, or hard at the bound; what still does not fit ends in `…` (the full name is
 * on hover).
 */
export function nameLines(name: string): string[] {
  if (name.length <= lineChars) return [name];
  const head = name.slice(0, lineChars);
  const cut = Math.max(head.lastIndexOf('_'), head.lastIndexOf('.'));
  const at = cut >= lineChars / 4 ? cut + 1 : lineChars;
  const rest = name.slice(at);
  return [name.slice(0, at), rest.length > lineChars ? `${rest.slice(0, lineChars - 1)}…` : rest];
}

/** A box's last line: its drift state when not in sync, its Cloud Map instances when counted. */
export function subline(n: TopologyNode): string {
  return [
    ...(n.state && n.state !== 'InSync' ? [stateWords[n.state].replace(/ \(.*\)$/, '')] : []),
    ...(n.instances ? [`${n.instances.registered}/${n.instances.expected} inst.`] : []),
  ].join(' · ');
}
