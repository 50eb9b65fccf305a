import type { LatticeWrite } from '../ports/lattice-api.ts';
import type { DesiredLatticeResource, LatticeRuleAction } from './lattice-resource.ts';

/** Inventory key → the Lattice id of what it names (observed, or created earlier in this apply). */
export type LatticeIdOfKey = (key: string) => string;

const apiAction = (action: LatticeRuleAction, idOf: LatticeIdOfKey) =>
  'forward' in action
    ? {
        forward: {
          targetGroups: action.forward.targetGroups.map((t) => ({
            targetGroupIdentifier: idOf(t.targetGroupKey),
            weight: t.weight,
          })),
        },
      }
    : action;

/** Lattice refuses policies with newlines: one line of JSON. */
const policyText = (policy: unknown) => JSON.stringify(policy);

/** The create request of a desired resource, its references turned into ids. */
export function createWrite(d: DesiredLatticeResource, idOf: LatticeIdOfKey, name = d.name): LatticeWrite {
  switch (d.kind) {
    case 'ServiceNetwork':
      return { kind: d.kind, input: { name, authType: d.spec.authType } };
    case 'ServiceNetworkVpcAssociation':
      return {
        kind: d.kind,
        input: {
          serviceNetworkIdentifier: idOf(d.spec.serviceNetworkKey),
          vpcIdentifier: d.spec.vpcIdentifier,
          securityGroupIds: d.spec.securityGroupIds?.length ? d.spec.securityGroupIds : undefined,
        },
      };
    case 'Service':
      return { kind: d.kind, input: { name, ...d.spec } };
    case 'ServiceNetworkServiceAssociation':
      return {
        kind: d.kind,
        input: {
          serviceNetworkIdentifier: idOf(d.spec.serviceNetworkKey),
          serviceIdentifier: idOf(d.spec.serviceKey),
        },
      };
    case 'TargetGroup':
      return { kind: d.kind, input: { name, type: d.spec.type, config: d.spec.config } };
    case 'Listener':
      return {
        kind: d.kind,
        parent: { serviceId: idOf(d.spec.serviceKey) },
        input: {
          name,
          protocol: d.spec.protocol,
          port: d.spec.port,
          defaultAction: apiAction(d.spec.defaultAction, idOf),
        },
      };
    case 'Rule':
      return {
        kind: d.kind,
        parent: { serviceId: idOf(d.spec.serviceKey), listenerId: idOf(d.spec.listenerKey) },
        input: {
          name,
          priority: d.spec.priority,
          match: d.spec.match,
          action: apiAction(d.spec.action, idOf),
        },
      };
    case 'AuthPolicy':
      return {
        kind: d.kind,
        input: { resourceIdentifier: idOf(d.spec.resourceKey), policy: policyText(d.spec.policy) },
      };
  }
}

/**
 * The update request of a desired resource: only the members Lattice lets change in place. A rule's priority
 * is not among them here: priorities move in one batch per listener, so two rules can swap.
 */
export function updateInput(d: DesiredLatticeResource, idOf: LatticeIdOfKey): Record<string, unknown> {
  switch (d.kind) {
    case 'ServiceNetwork':
      return { authType: d.spec.authType };
    case 'ServiceNetworkVpcAssociation':
      return d.spec.securityGroupIds?.length ? { securityGroupIds: d.spec.securityGroupIds } : {};
    case 'Service': {
      const { customDomainName: _createOnly, ...rest } = d.spec;
      return rest;
    }
    case 'ServiceNetworkServiceAssociation':
      return {};
    case 'TargetGroup':
      return d.spec.config.healthCheck ? { healthCheck: d.spec.config.healthCheck } : {};
    case 'Listener':
      return { defaultAction: apiAction(d.spec.defaultAction, idOf) };
    case 'Rule':
      return { match: d.spec.match, action: apiAction(d.spec.action, idOf) };
    case 'AuthPolicy':
      return { policy: policyText(d.spec.policy) };
  }
}
