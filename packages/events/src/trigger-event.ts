/**
 * What the reconciler is asked to do, whatever the event looked like on the wire. Every inbound
 * payload is normalised into exactly one of these (or into nothing, when it asks for no work).
 */
export type TriggerEvent =
  | GitPushTrigger
  | ClusterObjectChangedTrigger
  | AppMeshApiCallTrigger
  | ScheduleTrigger;

export type GitProvider = 'github' | 'gitlab' | 'codecommit' | 'generic';

export interface GitPushTrigger {
  type: 'git-push';
  provider: GitProvider;
  /** Clone URL (or CodeCommit repository name, for which a target names the URL). */
  repository: string;
  branch: string;
  /** Full commit SHA the branch now points at. */
  revision: string;
  /** Order of pushes to one repository (epoch ms); an older revision never replaces a newer one. */
  order: number;
  /** Set by meshcd's own continuations when several revisions share `order` (RevisionRequest.tie). */
  tie?: number;
  /** Idempotency key of the delivery (X-GitHub-Delivery, X-Gitlab-Event-UUID, EventBridge id). */
  deliveryId: string;
  before?: string;
  pusher?: string;
  /** Paths the push touched, when the provider says so; absent when unknown or trimmed. */
  changedPaths?: string[];
}

export type ClusterChange = 'added' | 'modified' | 'deleted' | 'event';

export interface ClusterObjectChangedTrigger {
  type: 'cluster-object-changed';
  cluster?: string;
  namespace: string;
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  name: string;
  change: ClusterChange;
  uid?: string;
  resourceVersion?: string;
  /** For a Kubernetes Event: its reason and message. */
  reason?: string;
  message?: string;
  eventId: string;
}

export interface AppMeshApiCallTrigger {
  type: 'appmesh-api-call';
  eventName: string;
  meshName: string;
  /** App Mesh kind the call touched, e.g. VirtualNode or Route. */
  resourceKind?: string;
  resourceName?: string;
  /** Router or gateway a Route or GatewayRoute belongs to. */
  parentName?: string;
  /** Who made the call: meshcd ignores its own role. */
  userIdentityArn: string;
  /** The role behind an assumed-role session, when there is one. */
  sessionIssuerArn?: string;
  accountId: string;
  region: string;
  eventTime: string;
  eventId: string;
}

export type ScheduledCheck = 'reconcile' | 'drift' | 'quota';

export interface ScheduleTrigger {
  type: 'schedule';
  check: ScheduledCheck;
  /** One target, or every target when absent. */
  targetId?: string;
  /** Name of the rule or schedule that fired, when known. */
  scheduleName?: string;
  time: string;
  eventId: string;
}
