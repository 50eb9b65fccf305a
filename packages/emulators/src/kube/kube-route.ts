/** What a request path addresses, before any verb is considered. */
export type KubeRoute =
  | { kind: 'version' }
  | { kind: 'coreDiscovery' }
  | { kind: 'groupsDiscovery' }
  | { kind: 'groupDiscovery'; group: string }
  | { kind: 'resourceDiscovery'; group: string; version: string }
  | { kind: 'openApiRoot' }
  | { kind: 'openApiV2' }
  | { kind: 'openApiGroupVersion'; group: string; version: string }
  | {
      kind: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { kind: 'unknown' };

/** Parses `/api/v1/namespaces/x/services/y`, `/apis/apps/v1/deployments` and the discovery paths. */
export function parseRoute(pathname: string): KubeRoute {
  const segments = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const [root, ...rest] = segments;
  if (root === 'version' && rest.length === 0) return { kind: 'version' };
  if (root === 'openapi' && rest[0] === 'v2' && rest.length === 1) return { kind: 'openApiV2' };
  if (root === 'openapi' && rest[0] === 'v3') {
    if (rest.length === 1) return { kind: 'openApiRoot' };
    if (rest[1] === 'api' && rest.length === 3)
      return { kind: 'openApiGroupVersion', group: '', version: rest[2]! };
    if (rest[1] === 'apis' && rest.length === 4) {
      return { kind: 'openApiGroupVersion', group: rest[2]!, version: rest[3]! };
    }
    return { kind: 'unknown' };
  }
  if (root === 'api') {
    if (rest.length === 0) return { kind: 'coreDiscovery' };
    const [version, ...tail] = rest;
    return resourceRoute('', version!, tail);
  }
  if (root === 'apis') {
    if (rest.length === 0) return { kind: 'groupsDiscovery' };
    if (rest.length === 1) return { kind: 'groupDiscovery', group: rest[0]! };
    const [group, version, ...tail] = rest;
    return resourceRoute(group!, version!, tail);
  }
  return { kind: 'unknown' };
}

function resourceRoute(group: string, version: string, tail: string[]): KubeRoute {
  if (tail.length === 0) return { kind: 'resourceDiscovery', group, version };
  // `namespaces/<ns>/<plural>…` addresses objects in a namespace; `namespaces[/<name>]` the namespaces.
  if (tail[0] === 'namespaces' && tail.length >= 3) {
    const [, namespace, plural, name, subresource] = tail;
    if (tail.length > 5) return { kind: 'unknown' };
    return { kind: 'resource', group, version, plural: plural!, namespace, name, subresource };
  }
  const [plural, name, subresource] = tail;
  if (tail.length > 3) return { kind: 'unknown' };
  return { kind: 'resource', group, version, plural: plural!, name, subresource };
}
