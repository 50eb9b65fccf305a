import {
  gatewayHttpMatchRules,
  grpcMetadataRules,
  hostnameRules,
  routeHttpMatchRules,
} from './match-rules.ts';
import type { ResourceKind } from './resource-kinds.ts';

/**
 * Rules the service enforces beyond the model's constraints that need nothing but the spec itself
 * (specs/appmesh-api.md §5). Each returns messages; an empty list means the spec passes.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const setMember = (v: unknown): string | undefined => Object.keys(obj(v) ?? {})[0];

export function specRuleViolations(kind: ResourceKind, spec: Obj): string[] {
  switch (kind) {
    case 'virtualNode':
      return virtualNodeRules(spec);
    case 'virtualRouter':
      return duplicatePorts(spec);
    case 'route':
      return routeRules(spec);
    case 'virtualGateway':
      return [...duplicatePorts(spec), ...listenerPoolRules(spec, 'spec')];
    case 'gatewayRoute':
      return gatewayRouteRules(spec);
    default:
      return [];
  }
}

export const listenerPorts = (spec: Obj | undefined): number[] =>
  list(spec?.listeners).map((l) => obj(obj(l)?.portMapping)?.port as number);

export const listenerProtocols = (spec: Obj | undefined): string[] =>
  list(spec?.listeners).map((l) => obj(obj(l)?.portMapping)?.protocol as string);

function duplicatePorts(spec: Obj): string[] {
  const ports = listenerPorts(spec);
  const dup = ports.find((p, i) => ports.indexOf(p) !== i);
  return dup === undefined ? [] : [`spec.listeners has port ${dup} more than once`];
}

/** A listener's connection pool and timeout must be keyed by its own protocol; a health check port must be its port. */
function listenerPoolRules(spec: Obj, at: string): string[] {
  const out: string[] = [];
  list(spec.listeners).forEach((raw, i) => {
    const l = obj(raw) ?? {};
    const pm = obj(l.portMapping) ?? {};
    const pool = setMember(l.connectionPool);
    if (pool !== undefined && pool !== pm.protocol)
      out.push(
        `${at}.listeners[${i}].connectionPool.${pool} does not match listener protocol ${pm.protocol}`,
      );
    const timeout = setMember(l.timeout);
    if (timeout !== undefined && timeout !== pm.protocol)
      out.push(`${at}.listeners[${i}].timeout.${timeout} does not match listener protocol ${pm.protocol}`);
    const hcPort = obj(l.healthCheck)?.port;
    if (hcPort !== undefined && hcPort !== pm.port)
      out.push(`${at}.listeners[${i}].healthCheck.port ${hcPort} must match the listener port ${pm.port}`);
  });
  return out;
}

function virtualNodeRules(spec: Obj): string[] {
  const out = [...duplicatePorts(spec), ...listenerPoolRules(spec, 'spec')];
  if (list(spec.listeners).length > 0 && spec.serviceDiscovery === undefined)
    out.push('spec.serviceDiscovery is required when a listener is specified');
  const names = list(spec.backends).map((b) => obj(obj(b)?.virtualService)?.virtualServiceName);
  const dup = names.find((n, i) => n !== undefined && names.indexOf(n) !== i);
  if (dup !== undefined) out.push(`spec.backends names virtual service ${String(dup)} more than once`);
  return out;
}

const routeTypes = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;

/** The route type of a route or gateway route spec (`http`, `http2`, `grpc`, `tcp`). */
export const routeProtocol = (spec: Obj): string | undefined =>
  routeTypes.find((t) => spec[t] !== undefined)?.replace('Route', '');

function retryRules(retry: Obj | undefined, at: string): string[] {
  if (!retry) return [];
  const events = ['httpRetryEvents', 'tcpRetryEvents', 'grpcRetryEvents'].some(
    (k) => list(retry[k]).length > 0,
  );
  return events ? [] : [`${at}.retryPolicy must name at least one retry event`];
}

function routeRules(spec: Obj): string[] {
  const present = routeTypes.filter((t) => spec[t] !== undefined);
  if (present.length !== 1) return [`spec must set exactly one of ${routeTypes.join(', ')}`];
  const type = present[0] as (typeof routeTypes)[number];
  const route = obj(spec[type]) ?? {};
  const at = `spec.${type}`;
  const out: string[] = [];
  const match = obj(route.match);
  if (type !== 'tcpRoute' && !match) out.push(`${at}.match is required`);
  if ((type === 'httpRoute' || type === 'http2Route') && match) {
    if (typeof match.prefix === 'string' && !match.prefix.startsWith('/'))
      out.push(`${at}.match.prefix must start with /`);
    out.push(...routeHttpMatchRules(match, `${at}.match`));
  }
  if (type === 'grpcRoute' && match?.methodName !== undefined && match.serviceName === undefined)
    out.push(`${at}.match.methodName requires match.serviceName`);
  if (type === 'grpcRoute' && match) out.push(...grpcMetadataRules(match, `${at}.match`));
  const targets = list(obj(route.action)?.weightedTargets).map((t) => obj(t) ?? {});
  const total = targets.reduce((sum, t) => sum + (typeof t.weight === 'number' ? t.weight : 0), 0);
  if (total > 100) out.push(`${at}.action.weightedTargets weights add up to ${total}, more than 100`);
  return [...out, ...retryRules(obj(route.retryPolicy), at)];
}

const gatewayRouteTypes = ['httpRoute', 'http2Route', 'grpcRoute'] as const;

function gatewayRouteRules(spec: Obj): string[] {
  const present = routeTypes.filter((t) => spec[t] !== undefined);
  if (present.length !== 1 || present[0] === 'tcpRoute')
    return [`spec must set exactly one of ${gatewayRouteTypes.join(', ')}`];
  const type = present[0] as (typeof gatewayRouteTypes)[number];
  const route = obj(spec[type]) ?? {};
  const at = `spec.${type}`;
  const match = obj(route.match) ?? {};
  const out: string[] = [];
  if (type === 'grpcRoute') {
    const service = match.serviceName;
    if (typeof service === 'string' && (service === 'aws.appmesh' || service.startsWith('aws.app-mesh')))
      out.push(`${at}.match.serviceName ${service} is reserved`);
    return [...out, ...hostnameRules(match, `${at}.match`), ...grpcMetadataRules(match, `${at}.match`)];
  }
  const prefix = match.prefix;
  if (typeof prefix === 'string') {
    if (!prefix.startsWith('/')) out.push(`${at}.match.prefix must start with /`);
    if (prefix.startsWith('/aws-appmesh') || prefix.startsWith('/aws-app-mesh'))
      out.push(`${at}.match.prefix ${prefix} is reserved`);
  }
  const rewrite = obj(obj(route.action)?.rewrite) ?? {};
  return [...out, ...gatewayHttpMatchRules(match, rewrite, at)];
}
