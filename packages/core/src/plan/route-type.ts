/** Which protocol a route spec is for: the one of httpRoute, http2Route, grpcRoute, tcpRoute it sets. */
export function routeType(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  return ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'].find(
    (k) => (spec as Record<string, unknown>)[k] !== undefined,
  );
}
