import type { PathSegment } from '../manifest-object.ts';
import type {
  GatewayRouteCrdSpec,
  GrpcGatewayRouteCrd,
  HttpGatewayRouteCrd,
} from '../schemas/gateway-route.ts';
import { checkHeaderMatches, checkQueryParameters } from './match-rules.ts';
import type { RuleContext } from './rule-context.ts';

const ROUTE_TYPES = ['grpcRoute', 'http2Route', 'httpRoute'] as const;
const RESERVED_PREFIX = /^\/aws-app-?mesh/;

/**
 * GatewayRoute admission rules as the controller's webhook states them, without its quirks (every header range
 * is checked, and query parameters are checked even when headers are present), plus the App Mesh reserved names.
 */
export function checkGatewayRoute(ctx: RuleContext, spec: GatewayRouteCrdSpec): void {
  ctx.oneOf(spec, ['spec'], ROUTE_TYPES);
  for (const type of ROUTE_TYPES) {
    const route = spec[type];
    if (!route) continue;
    const path = ['spec', type];
    ctx.refOrArn(
      route.action.target.virtualService,
      [...path, 'action', 'target', 'virtualService'],
      'virtualServiceRef',
      'virtualServiceARN',
    );
    if (type === 'grpcRoute') checkGrpc(ctx, route as GrpcGatewayRouteCrd, path);
    else checkHttp(ctx, route as HttpGatewayRouteCrd, path);
  }
}

function checkHttp(ctx: RuleContext, route: HttpGatewayRouteCrd, path: readonly PathSegment[]): void {
  const match = route.match;
  const m = [...path, 'match'];
  if (match.prefix === undefined && match.path === undefined && match.hostname === undefined) {
    ctx.fail(m, 'at least one of prefix, path or hostname is required');
  }
  if (match.prefix !== undefined && match.path !== undefined)
    ctx.fail([...m, 'path'], 'set either prefix or path, not both');
  if (match.prefix !== undefined && RESERVED_PREFIX.test(match.prefix)) {
    ctx.fail(
      [...m, 'prefix'],
      'prefixes starting with /aws-appmesh or /aws-app-mesh are reserved by App Mesh',
    );
  }
  ctx.oneOf(match.path, [...m, 'path'], ['exact', 'regex']);
  ctx.oneOf(match.hostname, [...m, 'hostname'], ['exact', 'suffix']);
  checkHeaderMatches(ctx, match.headers, [...m, 'headers'], true);
  checkQueryParameters(ctx, match.queryParameters, [...m, 'queryParameters']);

  const rewrite = route.action.rewrite;
  if (!rewrite) return;
  const r = [...path, 'action', 'rewrite'];
  if (rewrite.prefix === undefined && rewrite.path === undefined && rewrite.hostname === undefined) {
    ctx.fail(r, 'a rewrite needs at least one of prefix, path or hostname');
  }
  if (rewrite.prefix !== undefined && rewrite.path !== undefined)
    ctx.fail([...r, 'path'], 'set either a prefix or a path rewrite, not both');
  // App Mesh applies a prefix rewrite to prefix matches and a path rewrite to path matches, and refuses the rest.
  if (rewrite.prefix !== undefined && match.prefix === undefined)
    ctx.fail([...r, 'prefix'], 'a prefix rewrite needs a prefix match');
  if (rewrite.path !== undefined && match.path === undefined)
    ctx.fail([...r, 'path'], 'a path rewrite needs a path match (exact or regex)');
  const prefix = rewrite.prefix;
  if (prefix) {
    if (match.prefix !== undefined && !match.prefix.startsWith('/')) {
      ctx.fail([...m, 'prefix'], 'with a prefix rewrite, match.prefix must start with "/"');
    }
    if (prefix.defaultPrefix !== undefined && prefix.value !== undefined) {
      ctx.fail([...r, 'prefix', 'value'], 'set either defaultPrefix or value, not both');
    }
    if (prefix.value !== undefined && !(prefix.value.startsWith('/') && prefix.value.endsWith('/'))) {
      ctx.fail([...r, 'prefix', 'value'], 'a prefix rewrite value must start and end with "/"');
    }
  }
}

function checkGrpc(ctx: RuleContext, route: GrpcGatewayRouteCrd, path: readonly PathSegment[]): void {
  const match = route.match;
  const m = [...path, 'match'];
  if (match.serviceName === undefined && match.hostname === undefined)
    ctx.fail(m, 'serviceName or hostname is required');
  ctx.oneOf(match.hostname, [...m, 'hostname'], ['exact', 'suffix']);
  if (match.serviceName === 'aws.appmesh' || match.serviceName?.startsWith('aws.app-mesh')) {
    ctx.fail([...m, 'serviceName'], 'service names aws.appmesh and aws.app-mesh* are reserved by App Mesh');
  }
  checkHeaderMatches(ctx, match.metadata, [...m, 'metadata'], false);
  // The controller dereferences a missing hostname here and crashes; say what is missing instead.
  const rewrite = route.action.rewrite;
  if (rewrite && rewrite.hostname === undefined) {
    ctx.fail([...path, 'action', 'rewrite'], 'a gRPC rewrite needs hostname');
  }
}
