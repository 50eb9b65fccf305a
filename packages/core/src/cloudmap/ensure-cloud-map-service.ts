import { createHash } from 'node:crypto';
import type { CloudMapMember } from '../endpoints/endpoint-members.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import { ownerTagKey } from '../plan/ownership.ts';
import type { CloudMapApi, CloudMapNamespace, CloudMapService } from '../ports/cloud-map-api.ts';
import type { CloudMapOptions } from './cloud-map-options.ts';

export interface ResolvedService {
  namespace: CloudMapNamespace;
  service: CloudMapService;
  /** meshcd created it in this call. */
  created: boolean;
}

/** A CreatorRequestId stable per target and name, so a retried create answers the first one's result. */
const requestId = (...parts: string[]): string =>
  `meshcd-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40)}`;

const missingNamespace = (name: string) =>
  new MeshcdError({
    phase: 'endpoints',
    reason: 'cloudmap-namespace-missing',
    message: `Cloud Map namespace ${name} does not exist; meshcd creates namespaces only when the target's cloudMap.createNamespaces allows it`,
  });

/**
 * Finds (and, when missing, creates) the Cloud Map services of a set of VirtualNodes, each lookup once
 * per call: nodes such as blue and green share one service. The namespace must exist unless the target
 * lets meshcd create it; a missing service is created with the controller's settings (MULTIVALUE A or
 * AAAA records with the configured TTL in a private DNS namespace, none in an HTTP one; a custom health
 * check when health follows readiness), tagged as meshcd's. Public DNS namespaces are refused, as there.
 */
export function serviceResolver(
  api: CloudMapApi,
  targetId: string,
  options: CloudMapOptions,
): (member: CloudMapMember) => Promise<ResolvedService> {
  const namespaces = new Map<string, Promise<CloudMapNamespace>>();
  const services = new Map<string, Promise<ResolvedService>>();
  const tags = { [ownerTagKey]: targetId };

  const namespaceOf = (name: string) => {
    let found = namespaces.get(name);
    if (!found) {
      found = (async () => {
        const existing = await api.findNamespace(name);
        if (existing) return existing;
        if (!options.createNamespaces) throw missingNamespace(name);
        const { vpc } = options.createNamespaces;
        return api.createNamespace(name, {
          vpc: vpc || undefined,
          tags,
          creatorRequestId: requestId(targetId, 'namespace', name),
        });
      })();
      namespaces.set(name, found);
    }
    return found;
  };

  return (member) => {
    const { namespaceName, serviceName } = member.cloudMap;
    const key = `${namespaceName}\0${serviceName}`;
    let resolved = services.get(key);
    if (!resolved) {
      resolved = (async () => {
        const namespace = await namespaceOf(namespaceName);
        if (namespace.type === 'DNS_PUBLIC')
          throw new MeshcdError({
            phase: 'endpoints',
            reason: 'cloudmap-namespace-type',
            message: `Cloud Map namespace ${namespaceName} is public DNS; use a private DNS or HTTP namespace`,
          });
        const existing = await api.findService(namespace.id, serviceName);
        if (existing) return { namespace, service: existing, created: false };
        const service = await api.createService({
          namespace,
          name: serviceName,
          ...(namespace.type === 'DNS_PRIVATE'
            ? { dns: { recordType: options.ipv6 ? 'AAAA' : 'A', ttl: options.dnsTtl } }
            : {}),
          customHealth: options.customHealthCheck,
          tags,
          creatorRequestId: requestId(targetId, 'service', namespace.id, serviceName),
        });
        return { namespace, service, created: true };
      })();
      services.set(key, resolved);
    }
    return resolved;
  };
}
