import type { LabelSelector } from '../manifests/schemas/common.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';

/**
 * The VPC Lattice resources meshcd manages, in the API's own words. Targets are not a kind: a target group's
 * targets follow the cluster's pods (see `LatticeTargetSource`) and are synced, not planned.
 */
export type LatticeResourceKind =
  | 'ServiceNetwork'
  | 'ServiceNetworkVpcAssociation'
  | 'Service'
  | 'ServiceNetworkServiceAssociation'
  | 'Listener'
  | 'Rule'
  | 'TargetGroup'
  | 'AuthPolicy';

export type LatticeAuthType = 'NONE' | 'AWS_IAM';
export type LatticeListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH';
export type LatticeTargetGroupProtocol = 'HTTP' | 'HTTPS' | 'TCP';
export type LatticeProtocolVersion = 'HTTP1' | 'HTTP2' | 'GRPC';
export type LatticeIpAddressType = 'IPV4' | 'IPV6';

/**
 * The ownership tags every taggable Lattice resource meshcd creates carries. Lattice names are sanitised App
 * Mesh names, so `meshcd:source` keeps the original object (`<Kind>/<namespace>/<name>`, spec §4.1 #9).
 */
export interface LatticeOwnershipTags {
  'meshcd:target': string;
  'meshcd:source': string;
}

/**
 * One target group of a forward action. Lattice ids (`tg-…`) exist only once created, so desired resources
 * name each other by inventory key; the writer turns keys into ids from what it observed or created.
 */
export interface LatticeWeightedTargetGroup {
  targetGroupKey: string;
  /** 0–999; App Mesh's 0–100 weights copy across unchanged. */
  weight: number;
}

/** A rule's or listener's action: forward to weighted target groups, or a fixed 404/500. */
export type LatticeRuleAction =
  | { forward: { targetGroups: LatticeWeightedTargetGroup[] } }
  | { fixedResponse: { statusCode: 404 | 500 } };

/** `caseSensitive` is always explicit: the API has no documented default (spec §7 #4). */
export interface LatticePathMatch {
  match: { exact: string } | { prefix: string };
  caseSensitive: boolean;
}

export interface LatticeHeaderMatch {
  name: string;
  match: { exact: string } | { prefix: string } | { contains: string };
  caseSensitive: boolean;
}

/** All present members must hold (AND). */
export interface LatticeHttpMatch {
  method?: string;
  pathMatch?: LatticePathMatch;
  /** At most 5. */
  headerMatches?: LatticeHeaderMatch[];
}

export interface LatticeHealthCheck {
  enabled: boolean;
  protocol?: 'HTTP' | 'HTTPS';
  protocolVersion?: 'HTTP1' | 'HTTP2';
  port?: number;
  path?: string;
  healthCheckIntervalSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  matcher?: { httpCode: string };
}

export interface LatticeServiceNetworkSpec {
  authType: LatticeAuthType;
}

export interface LatticeVpcAssociationSpec {
  serviceNetworkKey: string;
  vpcIdentifier: string;
  /** Once set on an association it can never be emptied again (spec §1.9). */
  securityGroupIds?: string[];
}

export interface LatticeServiceSpec {
  authType: LatticeAuthType;
  /** Create-only and unique within a service network. */
  customDomainName?: string;
  certificateArn?: string;
  /** 60–600; absent means Lattice's default of 60. */
  idleTimeoutSeconds?: number;
}

export interface LatticeServiceAssociationSpec {
  serviceNetworkKey: string;
  serviceKey: string;
}

export interface LatticeListenerSpec {
  serviceKey: string;
  protocol: LatticeListenerProtocol;
  port: number;
  defaultAction: LatticeRuleAction;
}

export interface LatticeRuleSpec {
  serviceKey: string;
  listenerKey: string;
  /** 1–2000, unique per listener, lowest first. */
  priority: number;
  match: { httpMatch: LatticeHttpMatch };
  action: LatticeRuleAction;
}

export interface LatticeTargetGroupSpec {
  type: 'IP';
  /** Everything in `config` except `healthCheck` is create-only: a change replaces the target group. */
  config: {
    port: number;
    protocol: LatticeTargetGroupProtocol;
    protocolVersion?: LatticeProtocolVersion;
    ipAddressType: LatticeIpAddressType;
    vpcIdentifier: string;
    healthCheck?: LatticeHealthCheck;
  };
}

/** An IAM policy document, serialised by the writer on one line (Lattice refuses newlines). */
export interface LatticeAuthPolicyDocument {
  Version: '2012-10-17';
  Statement: {
    Sid?: string;
    Effect: 'Allow' | 'Deny';
    Principal: '*' | { AWS: string[] };
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
  }[];
}

export interface LatticeAuthPolicySpec {
  /** Key of the service or service network the policy is put on. */
  resourceKey: string;
  policy: LatticeAuthPolicyDocument;
}

/** One registered target: a pod IP (or Cloud Map instance IP) and the port the application listens on. */
export interface LatticeTarget {
  id: string;
  port: number;
}

/**
 * Where a target group's targets come from (spec §4.1 #5, §5.2): the ready, non-terminating pods its
 * VirtualNode's `podSelector` selects in the node's namespace, or Cloud Map instances for workloads outside
 * the cluster. Never a ClusterIP.
 */
export type LatticeTargetSource =
  | { from: 'pods'; namespace: string; podSelector?: LabelSelector; port: number }
  | {
      from: 'cloudMap';
      namespaceName: string;
      serviceName: string;
      attributes: Record<string, string>;
      port: number;
    };

interface LatticeResourceBase<K extends LatticeResourceKind, S> {
  kind: K;
  /** Inventory key, from `latticeResourceKey`. */
  key: string;
  /** The Lattice name (sanitised, spec §4.9); for associations and auth policies, a readable label. */
  name: string;
  spec: S;
  /** Absent on auth policies, which Lattice cannot tag: they belong to whoever owns their service. */
  tags?: LatticeOwnershipTags;
  /** The App Mesh object this resource translates, and where it was written. */
  source: { ref: ObjectRef; location: SourceLocation };
  /** Inventory keys of resources that must exist before this one is created (and outlive it). */
  dependsOn: string[];
}

export type DesiredServiceNetwork = LatticeResourceBase<'ServiceNetwork', LatticeServiceNetworkSpec>;
export type DesiredVpcAssociation = LatticeResourceBase<
  'ServiceNetworkVpcAssociation',
  LatticeVpcAssociationSpec
>;
export type DesiredLatticeService = LatticeResourceBase<'Service', LatticeServiceSpec>;
export type DesiredServiceAssociation = LatticeResourceBase<
  'ServiceNetworkServiceAssociation',
  LatticeServiceAssociationSpec
>;
export type DesiredListener = LatticeResourceBase<'Listener', LatticeListenerSpec>;
export type DesiredRule = LatticeResourceBase<'Rule', LatticeRuleSpec>;
export type DesiredTargetGroup = LatticeResourceBase<'TargetGroup', LatticeTargetGroupSpec> & {
  /** Key of the one service whose rules use this group (a target group serves one service only). */
  serviceKey: string;
  targets: LatticeTargetSource;
};
export type DesiredAuthPolicy = LatticeResourceBase<'AuthPolicy', LatticeAuthPolicySpec>;

export type DesiredLatticeResource =
  | DesiredServiceNetwork
  | DesiredVpcAssociation
  | DesiredLatticeService
  | DesiredServiceAssociation
  | DesiredListener
  | DesiredRule
  | DesiredTargetGroup
  | DesiredAuthPolicy;

/** The desired Lattice state of one manifest set for one target. */
export interface LatticeDesiredState {
  /** In dependency order: networks, VPC associations, services, associations, target groups, listeners, rules, auth policies. */
  resources: DesiredLatticeResource[];
}
