import type { z } from 'zod';
import type { PathSegment } from './manifest-object.ts';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional/nullable/default wrappers to the schema that decides the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let def = defOf(s); def.innerType && def.type !== 'object'; def = defOf(s)) s = def.innerType;
  return s;
}

/** The field names an object schema accepts at `path`, or undefined when the path does not lead to an object. */
export function fieldsAt(schema: z.ZodType, path: readonly PathSegment[]): string[] | undefined {
  let s = unwrap(schema);
  for (const segment of path) {
    const def = defOf(s);
    if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
      s = unwrap(def.shape[segment]);
    else if (def.type === 'array' && typeof segment === 'number' && def.element) s = unwrap(def.element);
    else return undefined;
  }
  const def = defOf(s);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** The closest allowed name to a misspelt one, when it is close enough to be a likely typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
