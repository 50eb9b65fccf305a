import type { ShapeDef } from './model-types.ts';

/** One constraint a value broke, with the member path it broke it at (e.g. `spec.listeners[0].port`). */
export interface Violation {
  readonly path: string;
  readonly message: string;
}

/** Checks a value against a named shape of one model; the path prefixes every violation. */
export type ShapeValidator = (shapeName: string, value: unknown, path: string) => Violation[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const patternCache = new Map<string, RegExp>();
/** Model patterns are ECMAScript-compatible; a few escape `-` outside a class, which only non-unicode mode allows. */
const compiled = (pattern: string, anchored: boolean): RegExp => {
  const source = anchored ? `^(?:${pattern})$` : pattern;
  let re = patternCache.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = new RegExp(source);
    }
    patternCache.set(source, re);
  }
  return re;
};

export interface ValidatorOptions {
  /**
   * Match a pattern against the whole value rather than anywhere in it. Services whose name patterns lean
   * on lookaheads at the start (VPC Lattice) only mean anything anchored.
   */
  readonly anchored?: boolean;
}

/**
 * A validator over one model's shape table. It walks a value and lists every constraint it breaks: type,
 * required, unknown member, union arity, min/max (length, item or entry count, or range), pattern and enum.
 * Null counts as absent.
 */
export function createValidator(
  shapes: Readonly<Record<string, ShapeDef>>,
  modelName: string,
  options: ValidatorOptions = {},
): ShapeValidator {
  const anchored = options.anchored ?? false;
  const shapeOf = (name: string): ShapeDef => {
    const shape = shapes[name];
    if (!shape) throw new Error(`unknown shape ${name} in the ${modelName} model tables`);
    return shape;
  };

  function walk(shapeName: string, value: unknown, path: string, out: Violation[]): void {
    const shape = shapeOf(shapeName);
    const fail = (message: string) => out.push({ path, message });
    switch (shape.type) {
      case 'structure':
        walkStructure(shape, value, path, out);
        return;
      case 'list': {
        if (!Array.isArray(value)) return void fail('must be a list');
        bounds(shape, value.length, 'item count', fail);
        value.forEach((item, i) => {
          walk(shape.member as string, item, `${path}[${i}]`, out);
        });
        return;
      }
      case 'map': {
        if (!isObject(value)) return void fail('must be a map');
        const entries = Object.entries(value);
        bounds(shape, entries.length, 'entry count', fail);
        for (const [k, v] of entries) {
          walk(shape.key as string, k, `${path}.${k}(key)`, out);
          walk(shape.value as string, v, `${path}.${k}`, out);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') return void fail('must be a string');
        bounds(shape, [...value].length, 'length', fail);
        if (shape.pattern !== undefined && !compiled(shape.pattern, anchored).test(value))
          fail(`must match pattern ${shape.pattern}`);
        if (shape.enum && !shape.enum.includes(value)) fail(`must be one of ${shape.enum.join(', ')}`);
        return;
      }
      case 'integer':
      case 'long':
        if (typeof value !== 'number' || !Number.isInteger(value)) return void fail('must be an integer');
        bounds(shape, value, 'value', fail);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') fail('must be a boolean');
        return;
      case 'timestamp':
        if (shape.timestampFormat === 'iso8601') {
          if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
            fail('must be an ISO-8601 timestamp');
        } else if (typeof value !== 'number' || !Number.isFinite(value))
          fail('must be a timestamp in epoch seconds');
        return;
    }
  }

  function walkStructure(shape: ShapeDef, value: unknown, path: string, out: Violation[]): void {
    if (!isObject(value)) return void out.push({ path, message: 'must be an object' });
    const members = shape.members ?? {};
    const at = (name: string) => (path ? `${path}.${name}` : name);
    for (const name of shape.required ?? []) {
      if (value[name] === undefined || value[name] === null)
        out.push({ path: at(name), message: 'is required' });
    }
    const present = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
    for (const name of present) {
      const member = members[name];
      if (!member) out.push({ path: at(name), message: 'is not a member of this object' });
      else walk(member.shape, value[name], at(name), out);
    }
    if (shape.union && present.length !== 1) {
      out.push({
        path,
        message: `must set exactly one of ${Object.keys(members).join(', ')} (found ${present.length})`,
      });
    }
  }

  return (shapeName, value, path) => {
    const out: Violation[] = [];
    walk(shapeName, value, path, out);
    return out;
  };
}

function bounds(shape: ShapeDef, n: number, what: string, fail: (m: string) => void): void {
  if (shape.min !== undefined && n < shape.min) fail(`${what} must be at least ${shape.min}`);
  if (shape.max !== undefined && n > shape.max) fail(`${what} must be at most ${shape.max}`);
}

/** Renders violations as one message. */
export const describeViolations = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.path || 'request'} ${v.message}`).join('; ');
