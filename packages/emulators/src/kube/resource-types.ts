/** One kind of object the emulator serves: enough to route, discover and render it. */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** URL segment, lower-case plural (`deployments`). */
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  /** `all` makes `kubectl get all` include the kind. */
  categories?: string[];
  /** Serves the `scale` subresource over spec.replicas. */
  scalable?: boolean;
  /** A self-review kind: create only, answered and never stored. */
  review?: boolean;
}

export const builtinResourceTypes: readonly ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
  },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    scalable: true,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    scalable: true,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    scalable: true,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
  },
];

/** `apps/v1`, or `v1` for the core group, as it appears in an object's apiVersion. */
export const apiVersionOf = (type: Pick<ResourceType, 'group' | 'version'>): string =>
  type.group === '' ? type.version : `${type.group}/${type.version}`;

export const singularOf = (type: ResourceType): string => type.kind.toLowerCase();

/** The resource types one emulator serves, looked up by URL segments or by apiVersion and kind. */
export class ResourceRegistry {
  readonly types: readonly ResourceType[];

  constructor(extra: readonly ResourceType[] = []) {
    this.types = [...builtinResourceTypes, ...extra];
  }

  byPlural(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.plural === plural);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  /** Group names in a stable order, core group excluded (it is served under /api, not /apis). */
  groups(): string[] {
    return [...new Set(this.types.map((t) => t.group).filter((g) => g !== ''))];
  }

  versionsOf(group: string): string[] {
    return [...new Set(this.types.filter((t) => t.group === group).map((t) => t.version))];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }
}
