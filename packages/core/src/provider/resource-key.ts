import type { KindTable } from './kind-table.ts';
import {
  formatLatticeKey,
  type LatticeKey,
  latticeAncestorKeys,
  parseLatticeKey,
} from './lattice-resource-key.ts';

/** The cloud providers a target can reconcile into. */
export type ProviderName = 'appmesh' | 'lattice';

/**
 * An App Mesh resource: `appmesh:<mesh>/<Kind>/<name>`, a child of a parent resource under it
 * (`appmesh:<mesh>/VirtualRouter/<router>/Route/<route>`). The root is the mesh the resources live in.
 * (Lattice has no such root: its keys are paths of names, see LatticeKey.)
 */
export interface ProviderKey {
  provider: 'appmesh';
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

/** The record of where a Lattice target group's targets come from: `lattice-targets:<the group's key>`. */
export interface TargetSourceKey {
  provider: 'lattice-targets';
  group: LatticeKey;
}

/**
 * What an inventory entry, a planned change and a drift item are about. The text form is only for the
 * store and the reports; code compares and takes keys apart through this type.
 */
export type ResourceKey = ProviderKey | LatticeKey | KubeKey | InjectorKey | TargetSourceKey;

export function formatKey(key: ResourceKey): string {
  switch (key.provider) {
    case 'kube':
      return `kube:${key.namespace}/${key.group}/${key.kind}/${key.name}`;
    case 'injector':
      return `injector:${key.namespace}/${key.kind}/${key.name}`;
    case 'lattice':
      return formatLatticeKey(key);
    case 'lattice-targets':
      return `lattice-targets:${formatLatticeKey(key.group)}`;
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
  if (scheme === 'lattice') return parseLatticeKey(text);
  if (scheme === 'lattice-targets') {
    const group = parseLatticeKey(text.slice(colon + 1));
    return group ? { provider: 'lattice-targets', group } : undefined;
  }
  if (scheme !== 'appmesh') return undefined;
  const provider = scheme;
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
  provider: ProviderKey['provider'],
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
export const rootPrefix = (provider: ProviderKey['provider'], root: string): string => `${provider}:${root}/`;

/** The key of the record of where a Lattice target group's targets come from (see TargetSourceKey). */
export const targetSourceKey = (groupKey: string): string => `lattice-targets:${groupKey}`;

/**
 * Whether the resource `child` names lives inside the one `parent` names: a mesh's resources, a router's
 * routes, a gateway's gateway routes; a network's associations, a service's listeners, rules and policy.
 */
export function isInside(child: string, parent: string): boolean {
  const c = parseKey(child);
  const p = parseKey(parent);
  if (c?.provider === 'appmesh' && p?.provider === 'appmesh') {
    if (c.root !== p.root || child === parent) return false;
    return p.kind === 'Mesh' || (c.parent?.kind === p.kind && c.parent.name === p.name);
  }
  if (c?.provider === 'lattice' && p?.provider === 'lattice')
    return latticeAncestorKeys(c.id).includes(formatLatticeKey(p));
  return false;
}
