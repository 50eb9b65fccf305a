import { listItemKey } from '../cluster/list-item-key.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import type { DriftProvider } from './drift-item.ts';

/**
 * One step of an ignore rule's path: an object key (or `*`, any key), a list index (or `[*]`, any item), or a
 * list item by its identity as the drift report names it (`[name=envoy]`).
 */
type Step = { key: string } | { index: number | '*' } | { item: string };

/** A parsed ignore rule: an optional kind it is limited to, and the path from the resource root. */
export interface IgnoreRule {
  text: string;
  kind?: string;
  steps: Step[];
}

const segment = /^([A-Za-z0-9_$-]+|\*)((?:\[(?:\d+|\*|[^[\]=]+=[^[\]]*)\])*)$/;

/**
 * Parses a per-target ignore rule: `[<Kind>:]<path>`, the path written as in the drift report
 * (`spec.listeners[*].healthCheck`, `spec.logging`, `metadata.labels.team`), `*` for any key and `[*]`
 * for any list item. For App Mesh resources a path may leave out the leading `spec.`.
 */
export function parseIgnoreRule(text: string): IgnoreRule {
  const fail = (why: string) =>
    new MeshcdError({
      phase: 'report',
      reason: 'invalid-ignore-rule',
      message: `drift ignore rule '${text}': ${why}`,
    });
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : undefined;
  if (kind !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(kind)) throw fail(`'${kind}' is not a kind`);
  const path = colon > 0 ? text.slice(colon + 1) : text;
  if (path.trim() === '') throw fail('the path is empty');
  const steps: Step[] = [];
  for (const [i, part] of segments(path).entries()) {
    const m = segment.exec(part);
    if (!m) throw fail(`segment ${i + 1} ('${part}') is neither a field name, '*', nor name[index]`);
    steps.push({ key: m[1]! });
    for (const idx of m[2]!.match(/\[[^\]]*\]/g) ?? []) {
      const inner = idx.slice(1, -1);
      steps.push(inner.includes('=') ? { item: inner } : { index: inner === '*' ? '*' : Number(inner) });
    }
  }
  return { text, kind: kind || undefined, steps };
}

/** The path split at its dots, except dots inside an item's identity (`listeners[portMapping.port=80]`). */
const segments = (path: string): string[] => path.split(/\.(?![^[]*\])/);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `value` without whatever `steps` reach; undefined when the path covers the value itself. */
function strip(value: unknown, steps: readonly Step[], field = ''): unknown {
  if (steps.length === 0) return undefined;
  const [step, ...rest] = steps as [Step, ...Step[]];
  if ('key' in step) {
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const next = step.key === '*' || step.key === k ? strip(v, rest, k) : v;
      if (next !== undefined) out[k] = next;
    }
    return out;
  }
  if (!Array.isArray(value)) return value;
  const hit = (item: unknown, i: number) =>
    'item' in step ? listItemKey(field, item) === step.item : step.index === '*' || step.index === i;
  return value
    .map((item, i) => (hit(item, i) ? strip(item, rest) : item))
    .filter((item) => item !== undefined);
}

/**
 * Removes the ignored fields from a resource (its root object: `{ spec }` for App Mesh, the whole object
 * for the cluster). Both sides of a comparison go through this, so an ignored field never differs, whatever
 * shape the difference takes (a changed value, an added field, a list that grew).
 */
export function applyIgnoreRules(
  root: Record<string, unknown>,
  rules: readonly IgnoreRule[],
  kind: string,
  provider: DriftProvider,
): Record<string, unknown> {
  let out: unknown = root;
  for (const rule of rules) {
    if (rule.kind && rule.kind !== kind) continue;
    const first = rule.steps[0];
    const spec = provider === 'appmesh' && !(first && 'key' in first && first.key === 'spec');
    out = strip(out, spec ? [{ key: 'spec' }, ...rule.steps] : rule.steps);
  }
  return isObject(out) ? out : {};
}
