import type { GrpcRoute, HttpRoute, HttpRouteHeader } from '@aws-sdk/client-app-mesh';
import type { PathSegment } from '../manifests/manifest-object.ts';
import type { LatticeHeaderMatch, LatticeHttpMatch } from './lattice-resource.ts';
import type { FieldNote } from './translation.ts';

/** A route's match on Lattice: the rule's `httpMatch`, or why the route is left out. */
export type MatchResult =
  | { ok: true; httpMatch: LatticeHttpMatch; notes: FieldNote[] }
  | { ok: false; notes: FieldNote[] };

const MAX_HEADERS = 5;
const PATH = /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/;
const fitsPath = (p: string) => p.length <= 200 && PATH.test(p);
const REGEX_META = new Set([...'.^$*+?()[]{}|\\']);

/** The string a regex matches when it matches exactly one (escapes allowed), else undefined. */
export function regexLiteral(regex: string): string | undefined {
  let out = '';
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '\\') {
      const next = regex[++i];
      if (next === undefined || !REGEX_META.has(next)) return undefined;
      out += next;
    } else if (REGEX_META.has(c)) return undefined;
    else out += c;
  }
  return out;
}

/**
 * Envoy matches a header regex against the whole value, so a literal is an exact match, `lit.*` a prefix and
 * `.*lit.*` a contains; anchors add nothing. Other regexes have no Lattice equivalent.
 */
export function regexAsHeaderMatch(regex: string): LatticeHeaderMatch['match'] | undefined {
  const body = regex.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  if (body.startsWith('.*') && body.endsWith('.*') && body.length > 4) {
    const lit = regexLiteral(body.slice(2, -2));
    return lit ? { contains: lit } : undefined;
  }
  if (body.endsWith('.*')) {
    const lit = regexLiteral(body.slice(0, -2));
    return lit ? { prefix: lit } : undefined;
  }
  const lit = regexLiteral(body);
  return lit ? { exact: lit } : undefined;
}

/** One header match on Lattice, or what it has that Lattice cannot match. */
function headerMatch(h: HttpRouteHeader): LatticeHeaderMatch['match'] | { unsupported: string } {
  const m = h.match;
  if (h.invert) return { unsupported: 'inverted match' };
  if (!m) return { unsupported: 'presence-only match' };
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return regexAsHeaderMatch(m.regex) ?? { unsupported: `regex ${m.regex}` };
  if (m.suffix !== undefined) return { unsupported: `suffix ${m.suffix}` };
  return { unsupported: 'range match' };
}

function headerMatches(
  headers: readonly HttpRouteHeader[] | undefined,
  path: PathSegment[],
  notes: FieldNote[],
): LatticeHeaderMatch[] | undefined | false {
  if (!headers?.length) return undefined;
  if (headers.length > MAX_HEADERS) {
    notes.push({
      row: 'route.match.headers.tooMany',
      path,
      detail: `${headers.length} header matches; Lattice allows ${MAX_HEADERS}`,
    });
    return false;
  }
  const out: LatticeHeaderMatch[] = [];
  let lost = false;
  for (const [i, h] of headers.entries()) {
    const match = headerMatch(h);
    if ('unsupported' in match) {
      notes.push({
        row: 'route.match.header.unsupported',
        path: [...path, i],
        detail: `header ${h.name}: ${match.unsupported}`,
      });
      lost = true;
      continue;
    }
    if (h.match?.regex !== undefined)
      notes.push({
        row: 'route.match.header.regex',
        path: [...path, i, 'match', 'regex'],
        detail: `header ${h.name}: regex ${h.match.regex} becomes ${Object.keys(match)[0]} "${Object.values(match)[0]}"`,
      });
    out.push({ name: h.name!, match, caseSensitive: true });
  }
  return lost ? false : out;
}

/** An HTTP or HTTP/2 route's match (spec §4.4). `path` is the route's `…Route` field. */
export function httpRouteMatch(route: HttpRoute, path: PathSegment[]): MatchResult {
  const m = route.match ?? {};
  const at = [...path, 'match'];
  const notes: FieldNote[] = [];
  const httpMatch: LatticeHttpMatch = {};
  let lost = false;
  if (m.prefix !== undefined) {
    if (fitsPath(m.prefix)) httpMatch.pathMatch = { match: { prefix: m.prefix }, caseSensitive: true };
    else {
      notes.push({
        row: 'route.match.prefixUnsupported',
        path: [...at, 'prefix'],
        detail: `prefix ${m.prefix}`,
      });
      lost = true;
    }
  }
  if (m.path?.exact !== undefined) {
    if (fitsPath(m.path.exact)) httpMatch.pathMatch = { match: { exact: m.path.exact }, caseSensitive: true };
    else {
      notes.push({
        row: 'route.match.prefixUnsupported',
        path: [...at, 'path', 'exact'],
        detail: `path ${m.path.exact}`,
      });
      lost = true;
    }
  }
  if (m.path?.regex !== undefined) {
    notes.push({
      row: 'route.match.path.regex',
      path: [...at, 'path', 'regex'],
      detail: `path regex ${m.path.regex}`,
    });
    lost = true;
  }
  if (m.scheme !== undefined) {
    notes.push({ row: 'route.match.scheme', path: [...at, 'scheme'], detail: `scheme ${m.scheme}` });
    lost = true;
  }
  if (m.queryParameters?.length) {
    const names = m.queryParameters.map((q) => q.name).join(', ');
    notes.push({
      row: 'route.match.queryParameters',
      path: [...at, 'queryParameters'],
      detail: `query parameters ${names}`,
    });
    lost = true;
  }
  if (m.method !== undefined) httpMatch.method = m.method;
  const headers = headerMatches(m.headers, [...at, 'headers'], notes);
  if (headers === false) lost = true;
  else if (headers) httpMatch.headerMatches = headers;
  if (lost) return { ok: false, notes };
  // The controller's match-all: a rule always carries a path.
  httpMatch.pathMatch ??= { match: { prefix: '/' }, caseSensitive: true };
  return { ok: true, httpMatch, notes };
}

/** A gRPC route's match, as the Gateway API controller builds GRPCRoute rules: POST to `/<service>/<method>`. */
export function grpcRouteMatch(route: GrpcRoute, path: PathSegment[]): MatchResult {
  const m = route.match ?? {};
  const notes: FieldNote[] = [];
  const pathMatch =
    m.serviceName && m.methodName
      ? { match: { exact: `/${m.serviceName}/${m.methodName}` }, caseSensitive: true }
      : { match: { prefix: m.serviceName ? `/${m.serviceName}/` : '/' }, caseSensitive: true };
  const httpMatch: LatticeHttpMatch = { method: 'POST', pathMatch };
  const headers = headerMatches(
    m.metadata as HttpRouteHeader[] | undefined,
    [...path, 'match', 'metadata'],
    notes,
  );
  if (headers === false) return { ok: false, notes };
  if (headers) httpMatch.headerMatches = headers;
  return { ok: true, httpMatch, notes };
}
