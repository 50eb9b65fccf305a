import type { DesiredGatewayRoute, DesiredVirtualGateway } from '../desired/desired-state.ts';
import { sourceLabel, type Translation } from './translation.ts';

/**
 * Ingress has no Lattice equivalent (spec §4.6): gateways and their routes become nothing, and their rewrites
 * and host matches are named so the replacement ingress can take them over.
 */
export function translateGateways(
  t: Translation,
  gateways: readonly DesiredVirtualGateway[],
  routes: readonly DesiredGatewayRoute[],
): void {
  for (const g of gateways) {
    t.becomes(g.source, sourceLabel(g.source.ref));
    t.note(g.source, { row: 'virtualGateway.object', path: [], detail: `virtual gateway ${g.name}` });
  }
  for (const r of routes) {
    t.becomes(r.source, sourceLabel(r.source.ref));
    t.note(r.source, {
      row: 'gatewayRoute.object',
      path: [],
      detail: `gateway route ${r.name} of ${r.virtualGatewayName}`,
    });
    for (const type of ['httpRoute', 'http2Route', 'grpcRoute'] as const) {
      const body = r.spec[type];
      if (!body) continue;
      const at = ['spec', type];
      const match = body.match as { hostname?: unknown; prefix?: string } | undefined;
      if (match?.hostname)
        t.note(r.source, {
          row: 'gatewayRoute.hostname',
          path: [...at, 'match', 'hostname'],
          detail: 'host match',
        });
      const rewrite = (body.action as { rewrite?: unknown }).rewrite;
      if (rewrite)
        t.note(r.source, {
          row: 'gatewayRoute.rewrite',
          path: [...at, 'action', 'rewrite'],
          detail: 'explicit rewrite',
        });
      else if (match?.prefix && match.prefix !== '/')
        t.note(r.source, {
          row: 'gatewayRoute.rewrite',
          path: [...at, 'match', 'prefix'],
          detail: `App Mesh rewrites the matched prefix ${match.prefix} to / by default`,
        });
    }
  }
}
