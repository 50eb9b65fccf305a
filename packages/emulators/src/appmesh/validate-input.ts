import { shapes } from './model.generated.ts';
import type { ShapeDef } from './model-types.ts';

/** One constraint a value broke, with the member path it broke it at (e.g. `spec.listeners[0].port`). */
export interface Violation {
  readonly path: string;
  readonly message: string;
}

const shapeOf = (name: string): ShapeDef => {
  const shape = shapes[name];
  if (!shape) throw new Error(`unknown shape ${name} in the App Mesh model tables`);
  return shape;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const patternCache = new Map<string, RegExp>();
const compiled = (pattern: string): RegExp => {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
};

/**
 * Walks a value against a shape of the model and lists every constraint it breaks: type, required,
 * unknown member, union arity, min/max (length, item count or range), pattern and enum. Null counts as absent.
 */
export function validateShape(shapeName: string, value: unknown, path: string): Violation[] {
  const out: Violation[] = [];
  walk(shapeName, value, path, out);
  return out;
}

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
    case 'string': {
      if (typeof value !== 'string') return void fail('must be a string');
      bounds(shape, [...value].length, 'length', fail);
      if (shape.pattern !== undefined && !compiled(shape.pattern).test(value))
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
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('must be a timestamp in epoch seconds');
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

function bounds(shape: ShapeDef, n: number, what: string, fail: (m: string) => void): void {
  if (shape.min !== undefined && n < shape.min) fail(`${what} must be at least ${shape.min}`);
  if (shape.max !== undefined && n > shape.max) fail(`${what} must be at most ${shape.max}`);
}

/** Renders violations as the single message a BadRequestException carries. */
export const describeViolations = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.path || 'request'} ${v.message}`).join('; ');
