import type { DriftItem } from '@meshcd/core';

/** Where each provider's resources live, as a sentence ends: "still in …". */
const home: Record<DriftItem['provider'], string> = {
  appmesh: 'App Mesh',
  kube: 'the cluster',
  cloudmap: 'Cloud Map',
  lattice: 'VPC Lattice',
};

/** Where a drift item lives, in its provider's terms (a mesh, a cluster namespace, a Cloud Map service). */
export function driftPlace(i: DriftItem): string {
  switch (i.provider) {
    case 'kube':
      return `namespace ${i.namespace || '(cluster)'}${i.subject === 'injection' ? ', sidecar injection' : ''}`;
    case 'cloudmap':
      return `Cloud Map namespace ${i.namespace}${i.parentName ? `, service ${i.parentName}` : ''}${
        i.node ? `, node ${i.node}` : ''
      }`;
    case 'appmesh':
      return `mesh ${i.meshName}${i.parentName ? `, ${i.parentName}` : ''}`;
    case 'lattice':
      return `VPC Lattice${i.parentName ? `, ${i.parentName}` : ''}`;
  }
}

/**
 * What an item's state means, in its provider's terms. Cloud Map instances follow pods, not Git: a
 * missing one is a ready pod nobody registered, an unmanaged one a pod that is gone or an instance that
 * belongs to someone else, so the App Mesh sentences ("deleted outside meshcd", "not in Git") would
 * send the reader looking in the wrong place.
 */
export function driftStateWords(i: DriftItem): string {
  switch (i.state) {
    case 'InSync':
      return 'in sync';
    case 'Modified':
      if (i.reason === 'replaced') return 'replaced by another resource';
      return i.provider === 'cloudmap' ? 'differs from its pod' : 'changed outside meshcd';
    case 'Missing':
      if (i.reason === 'pod-not-registered') return 'ready pod not registered in Cloud Map';
      return i.provider === 'cloudmap' || i.provider === 'lattice'
        ? `not in ${home[i.provider]} (deleted outside meshcd)`
        : 'missing (deleted outside meshcd)';
    case 'Unmanaged':
      switch (i.reason) {
        case 'removed-from-git':
          return `removed from Git, still in ${home[i.provider]}`;
        case 'pod-gone':
          return 'its pod is gone or no longer ready (deregistered on the next sync)';
        case 'tagged-not-recorded':
          return `tagged as this target's, but meshcd has no record of it (left alone)`;
        case 'foreign-instance':
          return 'registered by someone else: no node of this target claims it (left alone)';
        default:
          // Lattice shows meshcd everything inside its services and networks: this is someone else's there.
          return i.provider === 'lattice'
            ? 'not created by meshcd, inside a service or network it manages (left alone)'
            : 'not in Git';
      }
    case 'Unknown':
      return `could not be checked: ${i.error ?? i.reason ?? 'unknown'}`;
  }
}
