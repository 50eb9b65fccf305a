import type { KindTable } from './kind-table.ts';

/** The cloud providers a target can reconcile into. */
export type ProviderName = 'appmesh' | 'lattice';

/**
 * A cloud provider's resource: `<provider>:<root>/<Kind>/<name>`, a child of a parent resource under it
 * (`appmesh:<mesh>/VirtualRouter/<router>/Route/<route>`). The root is what the resources live in (a
 * mesh, a service network).
 */
export interface ProviderKey {
  provider: ProviderName;
  root: string;
  kind: string;
  name: string;
  parent?: { kind: string; name: string };
}

/** A cluster object: `kube:<namespace>/<group>/<Kind>/<name>` (namespace empty when cluster-scoped, group empty for core). */
export interface KubeKey {
  provider: 'kube';
  namespace: string;
  group: string;
  kind: string;
  name: string;
}

/** The injector's record of a VirtualNode or VirtualGateway object: `injector:<namespace>/<Kind>/<name>`. */
export interface InjectorKey {
  provider: 'injector';
  namespace: string;
  kind: string;
  name: string;
}

/**
 * What an inventory entry, a planned change and a drift item are about. The text form is only for the
 * store and the reports; code compares and takes keys apart through this type.
 */
export type ResourceKey = ProviderKey | KubeKey | InjectorKey;

const providers = new Set<string>(['appmesh', 'lattice']);

export function formatKey(key: ResourceKey): string {
  switch (key.provider) {
    case 'kube':
      return `kube:${key.namespace}/${key.group}/${key.kind}/${key.name}`;
    case 'injector':
      return `injector:${key.namespace}/${key.kind}/${key.name}`;
    default: {
      const own = `${key.kind}/${key.name}`;
      const path = key.parent ? `${key.parent.kind}/${key.parent.name}/${own}` : own;
      return `${key.provider}:${key.root}/${path}`;
    }
  }
}

/** The key a text form stands for, or undefined when it is not one (another scheme, a malformed path). */
export function parseKey(text: string): ResourceKey | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const scheme = text.slice(0, colon);
  const parts = text.slice(colon + 1).split('/');
  if (scheme === 'kube') {
    const [namespace = '', group = '', kind = '', ...name] = parts;
    if (parts.length < 4 || !kind) return undefined;
    // A name never holds a slash in Kubernetes; joining keeps a malformed one whole rather than cut.
    return { provider: 'kube', namespace, group, kind, name: name.join('/') };
  }
  if (scheme === 'injector') {
    const [namespace = '', kind = '', name = ''] = parts;
    return parts.length === 3 && kind && name ? { provider: 'injector', namespace, kind, name } : undefined;
  }
  if (!providers.has(scheme)) return undefined;
  const provider = scheme as ProviderName;
  const [root, kind, name, childKind, childName] = parts;
  if (!root || !kind || !name) return undefined;
  if (parts.length === 3) return { provider, root, kind, name };
  if (parts.length === 5 && childKind && childName)
    return { provider, root, kind: childKind, name: childName, parent: { kind, name } };
  return undefined;
}

/** The provider key a text form stands for, when it is one of `provider` with a kind of `kinds` in its place. */
export function parseProviderKey<K extends string>(
  text: string,
  provider: ProviderName,
  kinds: KindTable<K>,
): (ProviderKey & { kind: K }) | undefined {
  const key = parseKey(text);
  if (key?.provider !== provider) return undefined;
  const facts = (kinds as Record<string, KindTable<K>[K] | undefined>)[key.kind];
  if (!facts || facts.parent !== key.parent?.kind) return undefined;
  return key as ProviderKey & { kind: K };
}

/** The scheme of a text key (`appmesh`, `kube`, `injector` …), without parsing the rest. */
export const keyProvider = (text: string): string => text.slice(0, Math.max(0, text.indexOf(':')));

/** The text prefix every key of one root shares (`appmesh:<mesh>/`). */
export const rootPrefix = (provider: ProviderName, root: string): string => `${provider}:${root}/`;
