import type { z } from 'zod';
import { type Diagnostic, type DiagnosticCode, formatPath } from '../diagnostics/diagnostic.ts';
import { type ManifestObject, objectLabel, type PathSegment } from './manifest-object.ts';
import { closestName, fieldsAt } from './schema-shape.ts';

/** Turns schema issues into diagnostics that say, in plain words, which field is wrong and how. */
export function schemaIssuesToDiagnostics(
  object: ManifestObject,
  body: unknown,
  issues: readonly z.core.$ZodIssue[],
  schema?: z.ZodType,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const allowed = schema ? fieldsAt(schema, path) : undefined;
      for (const key of issue.keys) {
        out.push(at(object, [...path, key], 'unknown-field', unknownFieldMessage(key, allowed)));
      }
      continue;
    }
    const value = valueAt(body, path);
    const [code, message] = describe(issue, value, path);
    out.push(at(object, path, code, message));
  }
  return out;
}

function unknownFieldMessage(key: string, allowed: readonly string[] | undefined): string {
  if (!allowed) return `unknown field "${key}"`;
  const guess = closestName(key, allowed);
  return `unknown field "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}; allowed here: ${allowed.join(', ')}`;
}

function describe(
  issue: z.core.$ZodIssue,
  value: unknown,
  path: readonly PathSegment[],
): [DiagnosticCode, string] {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return ['missing-field', 'required field is missing'];
      return ['wrong-type', `must be ${article(issue.expected)}, not ${typeOf(value)} ${preview(value)}`];
    case 'too_small':
      return ['invalid-value', bound('at least', issue.origin, issue.minimum, value)];
    case 'too_big':
      return ['invalid-value', bound('at most', issue.origin, issue.maximum, value)];
    case 'invalid_value': {
      if (value === undefined) return ['missing-field', 'required field is missing'];
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      if (path.length === 1 && path[0] === 'apiVersion') {
        return ['unsupported-api-version', `apiVersion ${preview(value)} is not supported; use ${allowed}`];
      }
      return ['invalid-value', `must be one of ${allowed}, not ${preview(value)}`];
    }
    default:
      return ['invalid-value', issue.message];
  }
}

function bound(word: string, origin: string, limit: unknown, value: unknown): string {
  if (origin === 'array')
    return `must have ${word} ${String(limit)} item(s), has ${(value as unknown[]).length}`;
  if (origin === 'string')
    return `must be ${word} ${String(limit)} character(s) long, is ${String(value).length}`;
  return `must be ${word} ${String(limit)}, not ${preview(value)}`;
}

const article = (expected: string): string =>
  ({ int: 'an integer', object: 'an object', array: 'a list', string: 'a string', number: 'a number' })[
    expected
  ] ?? `a ${expected}`;

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'the integer' : 'the number';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value}`;
}

function preview(value: unknown): string {
  if (typeof value === 'object' && value !== null) return '';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function valueAt(body: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = body;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** A diagnostic about a field of an object, located in its source. */
export function at(
  object: ManifestObject,
  path: readonly PathSegment[],
  code: DiagnosticCode,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return {
    severity,
    code,
    message,
    ...object.locate(path),
    object: objectLabel(object),
    path: formatPath(path),
  };
}
