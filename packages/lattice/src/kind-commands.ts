import {
  CreateListenerCommand,
  CreateRuleCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  DeleteAuthPolicyCommand,
  DeleteListenerCommand,
  DeleteRuleCommand,
  DeleteServiceCommand,
  DeleteServiceNetworkCommand,
  DeleteServiceNetworkServiceAssociationCommand,
  DeleteServiceNetworkVpcAssociationCommand,
  DeleteTargetGroupCommand,
  GetAuthPolicyCommand,
  GetListenerCommand,
  GetRuleCommand,
  GetServiceCommand,
  GetServiceNetworkCommand,
  GetServiceNetworkServiceAssociationCommand,
  GetServiceNetworkVpcAssociationCommand,
  GetTargetGroupCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListServiceNetworksCommand,
  ListServiceNetworkVpcAssociationsCommand,
  ListServicesCommand,
  ListTargetGroupsCommand,
  PutAuthPolicyCommand,
  UpdateListenerCommand,
  UpdateRuleCommand,
  UpdateServiceCommand,
  UpdateServiceNetworkCommand,
  UpdateServiceNetworkVpcAssociationCommand,
  UpdateTargetGroupCommand,
} from '@aws-sdk/client-vpc-lattice';
import type { ObservedLatticeResource } from '@meshcd/core/ports';

/** The port's observed resource, as its `get` takes and returns it. */
type LatticeResourceKind = ObservedLatticeResource['kind'];

// biome-ignore lint/suspicious/noExplicitAny: the SDK's command classes share no usable common type.
export type CommandClass = new (input: any) => any;

interface KindCommands {
  list?: CommandClass;
  get: CommandClass;
  create: CommandClass;
  /** Absent: nothing of it can change in place (associations). */
  update?: CommandClass;
  delete: CommandClass;
  /** Services, target groups and associations answer CREATE_IN_PROGRESS / DELETE_IN_PROGRESS first. */
  asynchronous: boolean;
  /**
   * Get answers `lastUpdatedAt`, the version the inventory records. Absent for service network–service
   * associations: nothing of them says when they last changed (nothing of them can change in place).
   */
  versioned: boolean;
}

/** Each kind's commands. Auth policies are Put (create and update alike) on their parent. */
export const kindCommands: Record<LatticeResourceKind, KindCommands> = {
  ServiceNetwork: {
    list: ListServiceNetworksCommand,
    get: GetServiceNetworkCommand,
    create: CreateServiceNetworkCommand,
    update: UpdateServiceNetworkCommand,
    delete: DeleteServiceNetworkCommand,
    asynchronous: false,
    versioned: true,
  },
  ServiceNetworkVpcAssociation: {
    list: ListServiceNetworkVpcAssociationsCommand,
    get: GetServiceNetworkVpcAssociationCommand,
    create: CreateServiceNetworkVpcAssociationCommand,
    update: UpdateServiceNetworkVpcAssociationCommand,
    delete: DeleteServiceNetworkVpcAssociationCommand,
    asynchronous: true,
    versioned: true,
  },
  Service: {
    list: ListServicesCommand,
    get: GetServiceCommand,
    create: CreateServiceCommand,
    update: UpdateServiceCommand,
    delete: DeleteServiceCommand,
    asynchronous: true,
    versioned: true,
  },
  ServiceNetworkServiceAssociation: {
    list: ListServiceNetworkServiceAssociationsCommand,
    get: GetServiceNetworkServiceAssociationCommand,
    create: CreateServiceNetworkServiceAssociationCommand,
    delete: DeleteServiceNetworkServiceAssociationCommand,
    asynchronous: true,
    versioned: false,
  },
  TargetGroup: {
    list: ListTargetGroupsCommand,
    get: GetTargetGroupCommand,
    create: CreateTargetGroupCommand,
    update: UpdateTargetGroupCommand,
    delete: DeleteTargetGroupCommand,
    asynchronous: true,
    versioned: true,
  },
  Listener: {
    list: ListListenersCommand,
    get: GetListenerCommand,
    create: CreateListenerCommand,
    update: UpdateListenerCommand,
    delete: DeleteListenerCommand,
    asynchronous: false,
    versioned: true,
  },
  Rule: {
    list: ListRulesCommand,
    get: GetRuleCommand,
    create: CreateRuleCommand,
    update: UpdateRuleCommand,
    delete: DeleteRuleCommand,
    asynchronous: false,
    versioned: true,
  },
  AuthPolicy: {
    get: GetAuthPolicyCommand,
    create: PutAuthPolicyCommand,
    update: PutAuthPolicyCommand,
    delete: DeleteAuthPolicyCommand,
    asynchronous: false,
    versioned: true,
  },
};

/** The identifier members a call about one resource carries, in the API's member names. */
export function addressOf(
  r: Pick<ObservedLatticeResource, 'kind' | 'id' | 'parent'>,
): Record<string, string> {
  switch (r.kind) {
    case 'ServiceNetwork':
      return { serviceNetworkIdentifier: r.id };
    case 'ServiceNetworkVpcAssociation':
      return { serviceNetworkVpcAssociationIdentifier: r.id };
    case 'Service':
      return { serviceIdentifier: r.id };
    case 'ServiceNetworkServiceAssociation':
      return { serviceNetworkServiceAssociationIdentifier: r.id };
    case 'TargetGroup':
      return { targetGroupIdentifier: r.id };
    case 'Listener':
      return { serviceIdentifier: r.parent?.serviceId ?? '', listenerIdentifier: r.id };
    case 'Rule':
      return {
        serviceIdentifier: r.parent?.serviceId ?? '',
        listenerIdentifier: r.parent?.listenerId ?? '',
        ruleIdentifier: r.id,
      };
    case 'AuthPolicy':
      // An auth policy is addressed by its parent: its id is the parent's id.
      return { resourceIdentifier: r.id };
  }
}

/** The parent members a create carries (listeners in a service, rules in a listener). */
export function parentInput(
  kind: LatticeResourceKind,
  parent: ObservedLatticeResource['parent'] = {},
): Record<string, string> {
  if (kind === 'Listener') return { serviceIdentifier: parent.serviceId ?? '' };
  if (kind === 'Rule')
    return { serviceIdentifier: parent.serviceId ?? '', listenerIdentifier: parent.listenerId ?? '' };
  return {};
}
