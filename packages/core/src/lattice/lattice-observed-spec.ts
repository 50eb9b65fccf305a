import type { ObservedLatticeResource } from '../ports/lattice-api.ts';
import type { LatticeRuleAction } from './lattice-resource.ts';

/** Lattice id (sn-, svc-, tg-, listener-) → the inventory key meshcd knows that resource by. */
export type LatticeKeyOfId = (id: string) => string;

type Detail = Record<string, unknown>;

/** Target group ids in an action, as keys; an id meshcd does not know stays as it is (a difference). */
function actionOf(action: unknown, keyOf: LatticeKeyOfId): LatticeRuleAction | undefined {
  const a = action as
    | { forward?: { targetGroups?: Array<{ targetGroupIdentifier?: string; weight?: number }> } }
    | { fixedResponse?: { statusCode?: number } }
    | undefined;
  if (!a) return undefined;
  if ('forward' in a && a.forward)
    return {
      forward: {
        targetGroups: (a.forward.targetGroups ?? []).map((t) => ({
          targetGroupKey: keyOf(t.targetGroupIdentifier ?? ''),
          weight: t.weight ?? 0,
        })),
      },
    };
  if ('fixedResponse' in a && a.fixedResponse)
    return { fixedResponse: { statusCode: a.fixedResponse.statusCode as 404 | 500 } };
  return a as LatticeRuleAction;
}

/**
 * What Lattice answered, in the shape of the desired spec of that kind (ids turned into keys), so one diff
 * compares them field by field.
 */
export function latticeObservedSpec(r: ObservedLatticeResource, keyOf: LatticeKeyOfId): unknown {
  const d: Detail = r.detail ?? {};
  const parent = r.parent ?? {};
  switch (r.kind) {
    case 'ServiceNetwork':
      return { authType: d.authType };
    case 'ServiceNetworkVpcAssociation':
      return {
        serviceNetworkKey: keyOf(parent.serviceNetworkId ?? ''),
        vpcIdentifier: d.vpcId ?? r.name,
        securityGroupIds: d.securityGroupIds,
      };
    case 'Service':
      return {
        authType: d.authType,
        customDomainName: d.customDomainName,
        certificateArn: d.certificateArn,
        idleTimeoutSeconds: d.idleTimeoutSeconds,
      };
    case 'ServiceNetworkServiceAssociation':
      return {
        serviceNetworkKey: keyOf(parent.serviceNetworkId ?? ''),
        serviceKey: keyOf(parent.serviceId ?? ''),
      };
    case 'TargetGroup':
      return { type: d.type, config: d.config };
    case 'Listener':
      return {
        serviceKey: keyOf(parent.serviceId ?? ''),
        protocol: d.protocol,
        port: d.port,
        defaultAction: actionOf(d.defaultAction, keyOf),
      };
    case 'Rule':
      return {
        serviceKey: keyOf(parent.serviceId ?? ''),
        listenerKey: keyOf(parent.listenerId ?? ''),
        priority: d.priority,
        match: d.match,
        action: actionOf(d.action, keyOf),
      };
    case 'AuthPolicy':
      return { resourceKey: keyOf(r.id), policy: d.policy };
  }
}
