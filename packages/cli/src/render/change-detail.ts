import type { FieldDiff } from '@meshcd/core';
import { stringify } from 'yaml';
import { showValue } from './summary-line.ts';

/** How one field difference reads: an item or field added, removed, or changed from one value to another. */
export type DiffOp = '+' | '-' | '~';

export const diffOp = (d: FieldDiff): DiffOp =>
  d.actual === undefined ? '+' : d.expected === undefined ? '-' : '~';

/** One line per difference, `+ path: value`, `- path: value` or `~ path: before → after`, uncoloured parts for a colourer. */
export function diffLineParts(d: FieldDiff): { op: DiffOp; path: string; before?: string; after?: string } {
  const op = diffOp(d);
  if (op === '+') return { op, path: d.path, after: showValue(d.expected) };
  if (op === '-') return { op, path: d.path, before: showValue(d.actual) };
  return { op, path: d.path, before: showValue(d.actual), after: showValue(d.expected) };
}

/**
 * The attributes a create will set, as YAML lines, cut after `max` lines with a count of the rest so a
 * long spec does not bury the plan.
 */
export function attributeLines(spec: unknown, max: number): string[] {
  if (spec === undefined || spec === null || (typeof spec === 'object' && Object.keys(spec).length === 0))
    return [];
  const lines = stringify(spec, { lineWidth: 0 }).trimEnd().split('\n');
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… (${lines.length - max} more lines)`];
}

/** The resource a route or gateway route belongs to, in words: `of router web`. */
export const parentWords = (c: { router?: string; gateway?: string }): string =>
  c.router !== undefined
    ? ` of router ${c.router}`
    : c.gateway !== undefined
      ? ` of gateway ${c.gateway}`
      : '';
