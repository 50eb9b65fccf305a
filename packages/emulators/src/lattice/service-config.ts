import type { LatticeErrorType } from './errors.ts';

/** Quotas of §3.9 with their Service Quotas codes; each is adjustable per emulator so tests reach it cheaply. */
export interface LatticeQuotas {
  serviceNetworksPerRegion: number;
  servicesPerRegion: number;
  targetGroupsPerRegion: number;
  listenersPerService: number;
  rulesPerListener: number;
  targetGroupsPerService: number;
  targetsPerTargetGroup: number;
  serviceAssociationsPerServiceNetwork: number;
  vpcAssociationsPerServiceNetwork: number;
  /** Not adjustable and without a code: bytes of one auth policy (§7.19: 10 KB, below the model's 36,864). */
  authPolicyBytes: number;
}

export type QuotaName = Exclude<keyof LatticeQuotas, 'authPolicyBytes'>;

export const quotaCodes: Readonly<Record<QuotaName, string>> = {
  serviceNetworksPerRegion: 'L-9CAD07FB',
  servicesPerRegion: 'L-620C821E',
  targetGroupsPerRegion: 'L-BB11C6B9',
  listenersPerService: 'L-D64E952E',
  rulesPerListener: 'L-CF78395E',
  targetGroupsPerService: 'L-3DEC3B9F',
  targetsPerTargetGroup: 'L-D71303F3',
  serviceAssociationsPerServiceNetwork: 'L-75D4A19E',
  vpcAssociationsPerServiceNetwork: 'L-EF6E2D62',
};

export const defaultQuotas: Readonly<LatticeQuotas> = {
  serviceNetworksPerRegion: 50,
  servicesPerRegion: 2000,
  targetGroupsPerRegion: 500,
  listenersPerService: 2,
  rulesPerListener: 10,
  targetGroupsPerService: 10,
  targetsPerTargetGroup: 1000,
  serviceAssociationsPerServiceNetwork: 500,
  vpcAssociationsPerServiceNetwork: 500,
  authPolicyBytes: 10 * 1024,
};

type SemanticError = Extract<LatticeErrorType, 'ConflictException' | 'ValidationException'>;

/**
 * Behaviours the sources leave open (specs/vpc-lattice.md §7): each has the default the spec judges likeliest
 * and can be switched. The README's VPC Lattice section lists them.
 */
export interface LatticeBehaviours {
  /** §7.3: highest rule priority (model 1–2000; the console text and the controller use 1–100). */
  maxRulePriority: number;
  /** §7.4: `caseSensitive` stored for a path match that omits it; 'omit' keeps it absent as sent. */
  pathCaseSensitiveDefault: 'omit' | 'true' | 'false';
  /** §7.7: a TCP health check on a target group. */
  tcpHealthChecks: 'allow' | 'reject';
  /** §7.8: DeleteTargetGroup while targets are registered (or draining). */
  deleteTargetGroupWithTargets: 'allow' | 'conflict';
  /** §7.9: the error for a reused clientToken with a different request. */
  clientTokenMismatchError: SemanticError;
  /** §7.9: how long a clientToken is remembered. */
  clientTokenTtlSeconds: number;
  /** §7.10: page size of a List call without maxResults. */
  defaultPageSize: number;
  /** §7.11: name of each listener's default rule as GetRule/ListRules show it. */
  defaultRuleName: string;
  /** §7.12: error types of semantic violations the documentation does not name. */
  duplicatePriorityError: SemanticError;
  targetGroupInUseError: SemanticError;
  listenerProtocolMismatchError: SemanticError;
  ruleOnTlsListenerError: SemanticError;
  deleteDefaultRuleError: SemanticError;
  /** §7.14: a second listener on a port the service already listens on. */
  listenerPortUnique: boolean;
  /** §7.21: a forward action whose weights are all zero; a target group named twice in one action. */
  allZeroWeights: 'allow' | 'reject';
  duplicateTargetGroupsInAction: 'allow' | 'reject';
  /** §7.22: the default rule counts against rules per listener. */
  defaultRuleCountsTowardQuota: boolean;
  /** §7.23: BatchUpdateRule checks priority uniqueness on the batch's end state, or item by item. */
  batchPriorityCheck: 'endState' | 'perItem';
}

export const defaultBehaviours: Readonly<LatticeBehaviours> = {
  maxRulePriority: 2000,
  pathCaseSensitiveDefault: 'omit',
  tcpHealthChecks: 'allow',
  deleteTargetGroupWithTargets: 'allow',
  clientTokenMismatchError: 'ConflictException',
  clientTokenTtlSeconds: 24 * 3600,
  defaultPageSize: 50,
  defaultRuleName: 'default',
  duplicatePriorityError: 'ConflictException',
  targetGroupInUseError: 'ConflictException',
  listenerProtocolMismatchError: 'ValidationException',
  ruleOnTlsListenerError: 'ValidationException',
  deleteDefaultRuleError: 'ValidationException',
  listenerPortUnique: true,
  allZeroWeights: 'allow',
  duplicateTargetGroupsInAction: 'reject',
  defaultRuleCountsTowardQuota: false,
  batchPriorityCheck: 'endState',
};

/** Asynchronous lifecycle delays (§3.7) and target health timing (§3.8, §7.1), in milliseconds. */
export interface LatticeTiming {
  /** CREATE_IN_PROGRESS → ACTIVE for services, target groups and both associations (and UPDATE_IN_PROGRESS). */
  createMs: number;
  /** DELETE_IN_PROGRESS → gone. */
  deleteMs: number;
  /** §7.1: DRAINING → gone after DeregisterTargets (the model says 1 minute; older sources 5). */
  drainingMs: number;
  /** INITIAL → the health source's verdict after registration (the first health checks). */
  initialHealthMs: number;
}

export const defaultTiming: Readonly<LatticeTiming> = {
  createMs: 0,
  deleteMs: 0,
  drainingMs: 60_000,
  initialHealthMs: 0,
};

export type TargetHealth = 'HEALTHY' | 'UNHEALTHY';

/** A registered target as the health source sees it. */
export interface TargetRef {
  readonly targetGroupId: string;
  readonly targetGroupArn: string;
  readonly id: string;
  readonly port?: number;
}

/**
 * Where target health comes from once the first checks are done: a function (e.g. the Kubernetes emulator's
 * pod readiness by pod IP) answering undefined when it does not know the target, then the per-target knob,
 * then the default.
 */
export type HealthSource = (target: TargetRef) => TargetHealth | undefined;

export interface LatticeServiceConfig {
  region: string;
  quotas: LatticeQuotas;
  behaviours: LatticeBehaviours;
  timing: LatticeTiming;
  /** Target id → health, consulted after the health source. */
  targetHealth: Record<string, TargetHealth>;
  defaultTargetHealth: TargetHealth;
  healthSource?: HealthSource;
  /** Epoch milliseconds. */
  nowMs: () => number;
  /** 17 lowercase alphanumerics for a new id. */
  newIdSuffix: () => string;
}
