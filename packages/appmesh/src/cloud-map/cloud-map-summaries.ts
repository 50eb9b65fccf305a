import type { NamespaceSummary, ServiceSummary } from '@aws-sdk/client-servicediscovery';
import type { CloudMapNamespace, CloudMapService } from '@meshcd/core/ports';

/** The port's own types, as its methods take and return them. */

/** A ListNamespaces summary as the port's namespace. */
export const toNamespace = (n: NamespaceSummary): CloudMapNamespace => ({
  id: n.Id ?? '',
  arn: n.Arn ?? '',
  name: n.Name ?? '',
  type: (n.Type ?? 'HTTP') as CloudMapNamespace['type'],
});

/** A ListServices summary as the port's service; the namespace asked about when the summary omits it. */
export const toService = (
  s: ServiceSummary & { NamespaceId?: string },
  namespaceId: string,
): CloudMapService => ({
  id: s.Id ?? '',
  arn: s.Arn ?? '',
  name: s.Name ?? '',
  namespaceId: s.NamespaceId ?? namespaceId,
  customHealth: s.HealthCheckCustomConfig !== undefined,
});
