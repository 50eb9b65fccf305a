/**
 * The subset of EventBridge content filtering meshcd's rules use: exact values, prefix, anything-but
 * (values or a prefix), and exists. Patterns are plain data so infra/ and the local bus share them.
 */
export type PatternScalar = string | number | boolean | null;
export type PatternMatcher =
  | PatternScalar
  | { prefix: string }
  | { 'anything-but': PatternScalar | PatternScalar[] | { prefix: string } }
  | { exists: boolean };
export interface EventPattern {
  [field: string]: PatternMatcher[] | EventPattern;
}

/**
 * True when `event` matches `pattern`, with EventBridge's semantics: every field of the pattern must
 * match; a list matches when any matcher matches; an array in the event matches when any element does;
 * a missing field matches only `{ exists: false }`.
 */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const value = isObject(event) ? event[field] : undefined;
    if (Array.isArray(rule)) return matchesField(rule, value);
    return isObject(value) ? matchesPattern(rule, value) : matchesAbsent(rule);
  });
}

function matchesField(matchers: PatternMatcher[], value: unknown): boolean {
  if (value === undefined) return matchers.some((m) => isObject(m) && 'exists' in m && m.exists === false);
  const values = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => values.some((v) => matchesOne(matcher, v)));
}

function matchesOne(matcher: PatternMatcher, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(matcher.prefix);
  if ('exists' in matcher) return matcher.exists && !isObject(value);
  const excluded = matcher['anything-but'];
  if (isObject(excluded)) return typeof value === 'string' && !value.startsWith(excluded.prefix);
  return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value as PatternScalar);
}

/** A nested pattern against a missing object matches only if all its leaves accept absence. */
function matchesAbsent(pattern: EventPattern): boolean {
  return Object.values(pattern).every((rule) =>
    Array.isArray(rule) ? matchesField(rule, undefined) : matchesAbsent(rule),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
