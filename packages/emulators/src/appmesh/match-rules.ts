/**
 * Match and rewrite rules of routes and gateway routes that the real service enforces although the
 * model leaves the members optional and independent: the unions the API reference describes in prose
 * (prefix or path, exact or regex, exact or suffix, defaultPrefix or value), header ranges, and prefix
 * rewrite values.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `<at> must set exactly one of a, b` when not exactly one of `members` is set (and `required` says none is not enough). */
function exactlyOne(value: Obj | undefined, members: string[], at: string, required = true): string[] {
  const set = members.filter((m) => value?.[m] !== undefined).length;
  return set === 1 || (set === 0 && !required) ? [] : [`${at} must set exactly one of ${members.join(', ')}`];
}

/** Header (and gRPC metadata) ranges are start-inclusive, end-exclusive: an empty or reversed one matches nothing. */
function rangeRules(entries: unknown, at: string): string[] {
  return list(entries).flatMap((raw, i) => {
    const range = obj(obj(obj(raw)?.match)?.range);
    if (!range || typeof range.start !== 'number' || typeof range.end !== 'number') return [];
    return range.start < range.end
      ? []
      : [`${at}[${i}].match.range start ${range.start} must be less than end ${range.end}`];
  });
}

/** An HTTP or HTTP/2 route's match: prefix or path, a path by exact or regex, headers with sane ranges. */
export function routeHttpMatchRules(match: Obj, at: string): string[] {
  return [
    ...exactlyOne(match, ['prefix', 'path'], at),
    ...exactlyOne(obj(match.path), ['exact', 'regex'], `${at}.path`, false),
    ...rangeRules(match.headers, `${at}.headers`),
  ];
}

export const grpcMetadataRules = (match: Obj, at: string): string[] =>
  rangeRules(match.metadata, `${at}.metadata`);

/**
 * A gateway route's HTTP match selects by prefix, path or hostname (prefix and path exclude each other);
 * a prefix rewrite is one of defaultPrefix and value, a value framed by `/`, and applies to a prefix
 * match or a match by hostname alone; a path rewrite applies to a path match.
 */
export function gatewayHttpMatchRules(match: Obj, rewrite: Obj, at: string): string[] {
  const out: string[] = [];
  if (match.prefix !== undefined && match.path !== undefined)
    out.push(`${at}.match must set exactly one of prefix, path`);
  if (match.prefix === undefined && match.path === undefined && match.hostname === undefined)
    out.push(`${at}.match must set prefix, path or hostname`);
  out.push(
    ...exactlyOne(obj(match.path), ['exact', 'regex'], `${at}.match.path`, false),
    ...hostnameRules(match, `${at}.match`),
    ...rangeRules(match.headers, `${at}.match.headers`),
  );
  const prefix = obj(rewrite.prefix);
  if (prefix) {
    out.push(...exactlyOne(prefix, ['defaultPrefix', 'value'], `${at}.action.rewrite.prefix`));
    const value = prefix.value;
    if (typeof value === 'string' && !(value.startsWith('/') && value.endsWith('/')))
      out.push(`${at}.action.rewrite.prefix.value ${value} must start and end with /`);
    if (match.path !== undefined)
      out.push(`${at}.action.rewrite.prefix needs a match.prefix or a hostname-only match`);
  }
  if (rewrite.path !== undefined && match.path === undefined)
    out.push(`${at}.action.rewrite.path needs a match.path`);
  return out;
}

export const hostnameRules = (match: Obj, at: string): string[] =>
  exactlyOne(obj(match.hostname), ['exact', 'suffix'], `${at}.hostname`, false);
