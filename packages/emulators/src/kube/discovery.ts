import { apiVersionOf, type ResourceRegistry, type ResourceType, singularOf } from './resource-types.ts';

/** Verbs the emulator implements for every stored resource (no deletecollection). */
const storedVerbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const verbsOf = (t: ResourceType) => (t.review ? ['create'] : storedVerbs);
const scaleVerbs = ['get', 'patch', 'update'];

export const aggregatedDiscoveryType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** kubectl 1.27+ asks for aggregated discovery first and falls back to the legacy documents. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const params = range.split(';').map((p) => p.trim());
    return (
      params.includes('g=apidiscovery.k8s.io') &&
      params.includes('v=v2') &&
      params.includes('as=APIGroupDiscoveryList')
    );
  });
}

export const versionInfo = () => ({
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-meshcd-emulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
});

/** GET /api, legacy form. */
export const coreVersions = (serverAddress: string) => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
});

/** GET /apis, legacy form. */
export const groupList = (registry: ResourceRegistry) => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: registry.groups().map((name) => apiGroup(registry, name)),
});

/** GET /apis/<group>. */
export function apiGroup(registry: ResourceRegistry, name: string) {
  const versions = registry
    .versionsOf(name)
    .map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name, versions, preferredVersion: versions[0] };
}

/** GET /api/v1, /apis/<group>/<version>. */
export const resourceList = (registry: ResourceRegistry, group: string, version: string) => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: apiVersionOf({ group, version }),
  resources: registry.inGroupVersion(group, version).flatMap((t) => [
    {
      name: t.plural,
      singularName: singularOf(t),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: verbsOf(t),
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
      ...(t.categories ? { categories: t.categories } : {}),
    },
    ...(t.scalable
      ? [
          {
            name: `${t.plural}/scale`,
            singularName: '',
            namespaced: t.namespaced,
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
            verbs: scaleVerbs,
          },
        ]
      : []),
  ]),
});

/** GET /api or /apis with the aggregated Accept: every group, version and resource in one document. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean) {
  const groups = core ? [''] : registry.groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((name) => ({
      metadata: { name, creationTimestamp: null },
      versions: registry.versionsOf(name).map((version) => ({
        version,
        resources: registry.inGroupVersion(name, version).map(discoveredResource),
        freshness: 'Current',
      })),
    })),
  };
}

const discoveredResource = (t: ResourceType) => ({
  resource: t.plural,
  responseKind: { group: t.group, version: t.version, kind: t.kind },
  scope: t.namespaced ? 'Namespaced' : 'Cluster',
  singularResource: singularOf(t),
  verbs: verbsOf(t),
  ...(t.shortNames ? { shortNames: t.shortNames } : {}),
  ...(t.categories ? { categories: t.categories } : {}),
  ...(t.scalable
    ? {
        subresources: [
          {
            subresource: 'scale',
            responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
            verbs: scaleVerbs,
          },
        ],
      }
    : {}),
});
