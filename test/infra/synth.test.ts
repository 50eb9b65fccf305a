import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appMeshApiCallPatternExcluding,
  type EventPattern,
  matchesPattern,
  normalizeEvent,
  rulePatterns,
} from '@meshcd/events';
import { targetsSchema } from '@meshcd/runtime';
import { targetRecord } from '@meshcd/state';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  busArn,
  dlqArn,
  fnType,
  functionArn,
  recorded,
  roleArn,
  roleType,
  ruleArn,
  ruleType,
  scheduleType,
  tableArn,
  targetType,
} from './recorded-resources.ts';
import { arnOf, repoRoot, type SynthResult, synthAccount, synthesize, synthRegion } from './synth-app.ts';

/** The role meshcd assumes in the partner's account: the functions get AssumeRole on it, nothing there. */
const partnerRoleArn = 'arn:aws:iam::555555555555:role/meshcd-target';
const assumeRole = { 'sts:AssumeRole': [partnerRoleArn] };

const statusTokenArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:status-token-AbCdEf';

const targets = [
  {
    id: 'payments',
    source: {
      repository: 'https://github.com/org/payments-mesh.git',
      branch: 'main',
      credentialsSecret: 'team/git',
    },
    accountId: '111111111111',
    region: 'eu-west-1',
    cluster: { name: 'payments-eks' },
    commitStatus: { provider: 'github', repository: 'org/payments-mesh', tokenSecret: statusTokenArn },
  },
  {
    id: 'shared',
    source: {
      repository: 'https://github.com/org/shared-mesh.git',
      branch: 'main',
      credentialsSecret: 'GitCredentials',
    },
    accountId: '111111111111',
    meshOwner: '444444444444',
    region: 'us-east-1',
  },
  {
    id: 'partner',
    source: { repository: 'https://github.com/partner/mesh.git', branch: 'main' },
    accountId: '555555555555',
    region: 'eu-central-1',
    cluster: { name: 'partner-eks' },
    role: { arn: partnerRoleArn, externalId: 'meshcd-partner-4c1e' },
  },
];

let app: SynthResult;

beforeAll(async () => {
  app = await synthesize({
    SST_SECRET_GithubWebhookSecret: 'github-secret',
    SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
    MESHCD_TARGETS: JSON.stringify(targets),
  });
}, 300_000);

const { all, one, input, statementsOf, statementsOfRole, grants } = recorded(() => app);

/** The reconciler's role name as deployed: the CloudTrail rule leaves its sessions out. */
const reconcileRoleName = () => input<string>(one(roleType, 'ReconcileRole'), 'name');

const subscriptions = [
  { name: 'MeshcdBusSubscriberReconcileGitPush', fn: 'Reconcile', pattern: rulePatterns.gitPush },
  { name: 'defaultSubscriberReconcileCodeCommit', fn: 'Reconcile', pattern: rulePatterns.codeCommitPush },
  {
    name: 'MeshcdBusSubscriberClusterObjectChanged',
    fn: 'ClusterEvent',
    pattern: rulePatterns.clusterObjectChanged,
  },
  {
    name: 'MeshcdBusSubscriberKubernetesEventExporter',
    fn: 'ClusterEvent',
    pattern: rulePatterns.kubernetesEventExporter,
  },
  {
    name: 'defaultSubscriberDetectDriftAppMeshCall',
    fn: 'DetectDrift',
    pattern: (): EventPattern => appMeshApiCallPatternExcluding(synthAccount, reconcileRoleName()),
  },
];
const patternOf = (s: (typeof subscriptions)[number]) =>
  typeof s.pattern === 'function' ? s.pattern() : s.pattern;

describe('sst.config.ts under Pulumi mocks', () => {
  it('subscribes each function with exactly the rule patterns @meshcd/events exports', () => {
    // And one rule forwarding App Mesh calls from the other target region (below).
    expect(all(ruleType)).toHaveLength(subscriptions.length + 1);
    for (const s of subscriptions) {
      const rule = one(ruleType, `${s.name}Rule`);
      expect(JSON.parse(input<string>(rule, 'eventPattern'))).toEqual(patternOf(s));
      expect(input(rule, 'state')).toBe('ENABLED');
    }
  });

  it('listens for git pushes on meshcd bus and for CodeCommit and CloudTrail on the default bus', () => {
    const busName = input<string>(one('aws:cloudwatch/eventBus:EventBus', 'MeshcdBusBus'), 'name');
    expect(input(one(ruleType, 'MeshcdBusSubscriberReconcileGitPushRule'), 'eventBusName')).toBe(busName);
    expect(input(one(ruleType, 'defaultSubscriberReconcileCodeCommitRule'), 'eventBusName')).toBe('default');
    expect(input(one(ruleType, 'defaultSubscriberDetectDriftAppMeshCallRule'), 'eventBusName')).toBe(
      'default',
    );
  });

  it('forwards App Mesh calls from each other region of a target it reaches itself to the home default bus', () => {
    // CloudTrail puts a call on the default bus of the call's region: payments' meshes are in
    // eu-west-1, the deployment in us-east-1 (where 'shared' is). The partner's calls are logged in
    // the partner's account, which meshcd's rules cannot see.
    const forwarding = all(ruleType).filter((r) => r.name.startsWith('MeshcdAppMeshCalls'));
    expect(forwarding.map((r) => r.name)).toEqual(['MeshcdAppMeshCallsEuWest1Rule']);
    const rule = forwarding[0]!;
    expect(input(rule, 'eventBusName')).toBe('default');
    expect(JSON.parse(input<string>(rule, 'eventPattern'))).toEqual(
      appMeshApiCallPatternExcluding(synthAccount, reconcileRoleName()),
    );
    const provider = one('pulumi:providers:aws', 'MeshcdTrailEuWest1');
    expect(provider.inputs.region).toBe('eu-west-1');
    expect(rule.provider).toContain('MeshcdTrailEuWest1');
    const target = one(targetType, 'MeshcdAppMeshCallsEuWest1Target');
    expect(target.provider).toContain('MeshcdTrailEuWest1');
    const homeDefaultBus = `arn:aws:events:${synthRegion}:${synthAccount}:event-bus/default`;
    expect(target.inputs).toMatchObject({ eventBusName: 'default', arn: homeDefaultBus });
    // EventBridge assumes a role that may only put events on that bus.
    const role = one(roleType, 'MeshcdAppMeshCallForwardingRole');
    expect(target.inputs.roleArn).toBe(arnOf(roleType, 'MeshcdAppMeshCallForwardingRole'));
    const trust = input<unknown>(role, 'assumeRolePolicy');
    const trustDocument = (typeof trust === 'string' ? JSON.parse(trust) : trust) as {
      Statement: Array<{ Principal: unknown }>;
    };
    expect(trustDocument.Statement.map((s) => s.Principal)).toEqual([{ Service: 'events.amazonaws.com' }]);
    expect(statementsOfRole('MeshcdAppMeshCallForwardingRole')).toEqual([
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: homeDefaultBus },
    ]);
  });

  it('targets each rule at its function with a bounded retry policy and the dead-letter queue', () => {
    expect(all(targetType)).toHaveLength(subscriptions.length + 1);
    for (const s of subscriptions) {
      const target = one(targetType, `${s.name}Target`);
      expect(input(target, 'arn')).toBe(functionArn(s.fn));
      expect(input(target, 'retryPolicy')).toEqual({
        maximumRetryAttempts: 8,
        maximumEventAgeInSeconds: 3600,
      });
      expect(input(target, 'deadLetterConfig')).toEqual({ arn: dlqArn() });
    }
  });

  it('lets EventBridge invoke a function only from the rule that targets it', () => {
    for (const s of subscriptions) {
      const permission = one('aws:lambda/permission:Permission', `${s.name}Permission`);
      expect(permission.inputs).toMatchObject({
        action: 'lambda:InvokeFunction',
        principal: 'events.amazonaws.com',
        function: functionArn(s.fn),
        sourceArn: ruleArn(s.name),
      });
    }
  });

  it('lets only those five rules write into the dead-letter queue', () => {
    const policy = JSON.parse(
      input<string>(one('aws:sqs/queuePolicy:QueuePolicy', 'MeshcdDeadLettersPolicy'), 'policy'),
    );
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: dlqArn(),
        Condition: { ArnEquals: { 'aws:SourceArn': subscriptions.map((s) => ruleArn(s.name)) } },
      },
    ]);
  });

  it('grants the webhook receiver PutEvents on the bus, the targets and delivery records in the table, nothing else', () => {
    expect(grants('IngestWebhook')).toEqual({
      'events:PutEvents': [busArn()],
      'dynamodb:GetItem': [tableArn()],
      'dynamodb:PutItem': [tableArn()],
      // The targets are listed through the byKind index only.
      'dynamodb:Query': [`${tableArn()}/index/*`],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  /**
   * Cloud Map for the one target with a cluster: lists and tag reads on `*`, GetOperation on namespaces,
   * instance calls on services, in its account and region; only the reconciler removes services.
   */
  const cloudMapGrants = (removing = false) => {
    const namespaces = ['arn:aws:servicediscovery:eu-west-1:111111111111:namespace/*'];
    const services = ['arn:aws:servicediscovery:eu-west-1:111111111111:service/*'];
    return {
      'servicediscovery:ListNamespaces': ['*'],
      'servicediscovery:ListServices': ['*'],
      ...(removing
        ? {
            'servicediscovery:ListTagsForResource': ['*'],
            'servicediscovery:DeleteService': services,
          }
        : {}),
      'servicediscovery:GetOperation': namespaces,
      'servicediscovery:CreateService': [...namespaces, ...services].sort(),
      ...Object.fromEntries(
        [
          'ListInstances',
          'RegisterInstance',
          'DeregisterInstance',
          'GetInstancesHealthStatus',
          'UpdateInstanceCustomHealthStatus',
        ].map((a) => [`servicediscovery:${a}`, services]),
      ),
      'route53:ChangeResourceRecordSets': ['arn:aws:route53:::hostedzone/*'],
    };
  };

  it('grants Cloud Map registration to the functions that follow pods, and never namespace creation unless a target allows it', () => {
    for (const fn of ['Reconcile', 'ClusterEvent', 'DetectDrift']) {
      const granted = grants(fn);
      expect(granted).toMatchObject(cloudMapGrants(fn === 'Reconcile'));
      expect(Object.keys(granted).filter((a) => /Namespace$|CreateHostedZone/.test(a))).toEqual([]);
    }
    expect(Object.keys(grants('IngestWebhook')).filter((a) => a.startsWith('servicediscovery:'))).toEqual([]);
  });

  it('routes pod events to the cluster-event function: its rules do not filter by kind', () => {
    for (const name of ['clusterObjectChanged', 'kubernetesEventExporter'] as const)
      expect(JSON.stringify(rulePatterns[name])).not.toMatch(/"kind"/);
  });

  it("scopes the reconciler's App Mesh, EKS and secret access to the configured targets", () => {
    const meshes = [
      'arn:aws:appmesh:eu-west-1:111111111111:mesh/*',
      'arn:aws:appmesh:us-east-1:444444444444:mesh/*',
    ];
    const tableResources = [tableArn(), `${tableArn()}/index/*`].sort();
    const appMesh = Object.fromEntries(
      ['List*', 'Describe*', 'Create*', 'Update*', 'Delete*', 'ListTagsForResource'].map((a) => [
        `appmesh:${a}`,
        meshes,
      ]),
    );
    expect(grants('Reconcile')).toEqual({
      ...appMesh,
      'appmesh:ListMeshes': ['*'],
      'dynamodb:GetItem': [tableArn()],
      'dynamodb:PutItem': [tableArn()],
      'dynamodb:DeleteItem': [tableArn()],
      'dynamodb:Query': tableResources,
      'events:PutEvents': [busArn()],
      // The handed-over GitCredentials secret needs no Secrets Manager access. A secret named by name
      // is read with the function's client, in the deployment's account and region, whatever the
      // target's; one named by ARN is read and granted where the ARN says.
      'secretsmanager:GetSecretValue': [
        statusTokenArn,
        `arn:aws:secretsmanager:${synthRegion}:${synthAccount}:secret:team/git-??????`,
      ],
      'eks:DescribeCluster': ['arn:aws:eks:eu-west-1:111111111111:cluster/payments-eks'],
      ...assumeRole,
      ...cloudMapGrants(true),
      'sqs:SendMessage': [dlqArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  it('grants the cluster-event function DescribeCluster on the configured clusters, reading the table and Cloud Map registration', () => {
    expect(grants('ClusterEvent')).toEqual({
      'eks:DescribeCluster': ['arn:aws:eks:eu-west-1:111111111111:cluster/payments-eks'],
      ...assumeRole,
      ...cloudMapGrants(),
      'dynamodb:Query': [tableArn(), `${tableArn()}/index/*`].sort(),
      'sqs:SendMessage': [dlqArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  it('uses no wildcard action and resource * only where AWS accepts nothing narrower', () => {
    const needsStar = new Set([
      'appmesh:ListMeshes',
      'servicediscovery:ListNamespaces',
      'servicediscovery:ListServices',
      'servicediscovery:ListTagsForResource',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
    ]);
    for (const fn of ['IngestWebhook', 'Reconcile', 'ClusterEvent', 'DetectDrift']) {
      for (const s of statementsOf(fn)) {
        expect(s.Action.length).toBeGreaterThan(0);
        for (const action of s.Action) expect(action).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
        if (s.Resource.includes('*')) for (const action of s.Action) expect(needsStar).toContain(action);
      }
      const role = one('aws:iam/role:Role', `${fn}Role`);
      expect(input(role, 'managedPolicyArns')).toEqual([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      ]);
    }
  });

  it('keys the table by pk/sk with the byKind index and expiresAt TTL', () => {
    const table = one('aws:dynamodb/table:Table', 'MeshcdStateTable');
    expect(table.inputs).toMatchObject({ hashKey: 'pk', rangeKey: 'sk', billingMode: 'PAY_PER_REQUEST' });
    expect(input<Array<{ name: string; type: string }>>(table, 'attributes')).toEqual(
      expect.arrayContaining(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({ name, type: 'S' }))),
    );
    expect(input(table, 'globalSecondaryIndexes')).toEqual([
      expect.objectContaining({
        name: 'byKind',
        hashKey: 'gsi1pk',
        rangeKey: 'gsi1sk',
        projectionType: 'ALL',
      }),
    ]);
    expect(input(table, 'ttl')).toEqual({ attributeName: 'expiresAt', enabled: true });
  });

  it('exposes a function URL for the webhook receiver only', () => {
    const urls = all('aws:lambda/functionUrl:FunctionUrl');
    expect(urls.map((u) => u.name)).toEqual(['IngestWebhookUrl']);
    expect(input(urls[0]!, 'authorizationType')).toBe('NONE');
    const publicGrants = all('aws:lambda/permission:Permission').filter((p) => p.inputs.principal === '*');
    expect(publicGrants.map((p) => p.name).sort()).toEqual([
      'IngestWebhookInvokeFunction',
      'IngestWebhookPublicFunctionUrlAccess',
    ]);
  });

  it('runs every function on nodejs24.x with active tracing', () => {
    const functions = all(fnType);
    expect(functions.map((f) => f.name).sort()).toEqual([
      'ClusterEventFunction',
      'DetectDriftFunction',
      'IngestWebhookFunction',
      'ReconcileFunction',
    ]);
    for (const f of functions) {
      expect(input(f, 'runtime')).toBe('nodejs24.x');
      expect(input(f, 'tracingConfig')).toEqual({ mode: 'Active' });
    }
  });

  it('writes each validated target into the table as a target record, and into no function’s environment', () => {
    const items = all('aws:dynamodb/tableItem:TableItem');
    const tableName = input(one('aws:dynamodb/table:Table', 'MeshcdStateTable'), 'name');
    const records = items.map((item) => {
      expect(item.inputs).toMatchObject({ tableName, hashKey: 'pk', rangeKey: 'sk' });
      const attributes = JSON.parse(input<string>(item, 'item')) as Record<string, { S: string }>;
      return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.S]));
    });
    expect(records.map((r) => ({ ...r, data: JSON.parse(r.data ?? '') }))).toEqual(
      targetsSchema.parse(targets).map((t) => ({ ...targetRecord(t), data: t })),
    );
    for (const name of [
      'IngestWebhookFunction',
      'ReconcileFunction',
      'ClusterEventFunction',
      'DetectDriftFunction',
    ]) {
      const env = input<{ variables: Record<string, string> }>(one(fnType, name), 'environment').variables;
      expect(env).not.toHaveProperty('MESHCD_TARGETS');
      expect(env.MESHCD_TABLE).toBe(tableName);
    }
  });

  it('links the webhook secrets to the receiver only, git credentials to the reconciler, and no secret into any environment', () => {
    expect(Object.fromEntries(Object.entries(app.bundles).map(([fn, b]) => [fn, b.links]))).toEqual({
      IngestWebhook: ['GithubWebhookSecret', 'GitlabWebhookSecret'],
      Reconcile: ['GitCredentials'],
      ClusterEvent: [],
      DetectDrift: [],
    });
    for (const [name, environment] of Object.entries(app.environments)) {
      expect({ name, secrets: environment.secretVariables }).toEqual({ name, secrets: [] });
      const values = Object.values(
        input<{ variables: Record<string, string> }>(one(fnType, name), 'environment').variables,
      );
      for (const secret of ['github-secret', 'gitlab-secret'])
        expect(values.join('\n')).not.toContain(secret);
    }
  });

  it('gives each function that talks to a cluster an access entry and its least access policy', () => {
    const entries = all('aws:eks/accessEntry:AccessEntry');
    const associations = all('aws:eks/accessPolicyAssociation:AccessPolicyAssociation');
    const policy = (name: string) => `arn:aws:eks::aws:cluster-access-policy/${name}`;
    const expected = [
      { fn: 'Reconcile', policy: policy('AmazonEKSClusterAdminPolicy') },
      // Both open Cloud Map readiness gates (patch pods/status), which only cluster admin grants.
      { fn: 'DetectDrift', policy: policy('AmazonEKSClusterAdminPolicy') },
      { fn: 'ClusterEvent', policy: policy('AmazonEKSClusterAdminPolicy') },
    ];
    expect(
      entries
        .map((e) => e.inputs)
        .sort((a, b) => String(a.principalArn).localeCompare(String(b.principalArn))),
    ).toEqual(
      expected
        .map((x) => ({ clusterName: 'payments-eks', principalArn: roleArn(x.fn), type: 'STANDARD' }))
        .sort((a, b) => a.principalArn.localeCompare(b.principalArn)),
    );
    expect(
      associations.map((a) => ({
        principalArn: a.inputs.principalArn,
        policyArn: a.inputs.policyArn,
        scope: a.inputs.accessScope,
      })),
    ).toEqual(
      expect.arrayContaining(
        expected.map((x) => ({
          principalArn: roleArn(x.fn),
          policyArn: x.policy,
          scope: { type: 'cluster' },
        })),
      ),
    );
    expect(associations).toHaveLength(3);
    // The partner's cluster is in its own account: its owner gives the partner role access there.
    expect(entries.filter((e) => e.inputs.clusterName === 'partner-eks')).toEqual([]);
    // Access entries are regional: they are created in the cluster's region.
    expect(all('pulumi:providers:aws').map((p) => p.inputs.region)).toContain('eu-west-1');
  });

  it('writes no ARN with a hard-coded partition: it comes from the deployment or the target region', () => {
    for (const file of readdirSync(join(repoRoot, 'infra'))) {
      expect(readFileSync(join(repoRoot, 'infra', file), 'utf8')).not.toMatch(/arn:aws:/);
    }
  });

  it('keeps dead letters for 14 days and alarms on them and on every function’s errors', () => {
    const queue = one('aws:sqs/queue:Queue', 'MeshcdDeadLettersQueue');
    expect(input(queue, 'messageRetentionSeconds')).toBe(14 * 86_400);
    const topic = arnOf('aws:sns/topic:Topic', 'MeshcdAlarms');
    const dlqAlarm = one('aws:cloudwatch/metricAlarm:MetricAlarm', 'MeshcdDeadLettersAlarm');
    expect(dlqAlarm.inputs).toMatchObject({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [topic],
    });
    expect(input<Record<string, string>>(dlqAlarm, 'dimensions').QueueName).toBe(
      input(queue, 'name') ?? 'MeshcdDeadLettersQueue',
    );
    for (const fn of ['IngestWebhook', 'Reconcile', 'ClusterEvent', 'DetectDrift']) {
      const alarm = one('aws:cloudwatch/metricAlarm:MetricAlarm', `${fn}ErrorsAlarm`);
      expect(alarm.inputs).toMatchObject({
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: input(one(fnType, `${fn}Function`), 'name') ?? `${fn}Function` },
        alarmActions: [topic],
      });
    }
  });

  it('caps the App Mesh callers’ concurrency and gives each container its share of one account’s rates', () => {
    const reconcile = one(fnType, 'ReconcileFunction');
    const drift = one(fnType, 'DetectDriftFunction');
    const containers =
      input<number>(reconcile, 'reservedConcurrentExecutions') +
      input<number>(drift, 'reservedConcurrentExecutions');
    expect(input(reconcile, 'reservedConcurrentExecutions')).toBeGreaterThan(0);
    expect(input(drift, 'reservedConcurrentExecutions')).toBeGreaterThan(0);
    for (const fn of [reconcile, drift]) {
      const env = input<{ variables: Record<string, string> }>(fn, 'environment').variables;
      // All containers together: at most 8 writes and 40 reads per second per account and region.
      expect(Number(env.MESHCD_APPMESH_WRITE_RATE) * containers).toBeCloseTo(8);
      expect(Number(env.MESHCD_APPMESH_READ_RATE) * containers).toBeCloseTo(40);
      expect(Number(env.MESHCD_APPMESH_BURST)).toBeGreaterThanOrEqual(1);
    }
  });

  it('sends asynchronous invocations that keep failing to the dead-letter queue', () => {
    for (const fn of ['Reconcile', 'ClusterEvent', 'DetectDrift']) {
      const config = one(
        'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig',
        `${fn}EventInvokeConfig`,
      );
      expect(config.inputs).toMatchObject({
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: dlqArn() } },
      });
    }
  });

  it('bundles every handler', () => {
    expect(Object.keys(app.bundles).sort()).toEqual([
      'ClusterEvent',
      'DetectDrift',
      'IngestWebhook',
      'Reconcile',
    ]);
    for (const bundle of Object.values(app.bundles)) expect(bundle.bytes).toBeGreaterThan(0);
  });
  it('runs detect-drift on an EventBridge Scheduler schedule with bounded retries and the dead-letter queue', () => {
    const schedules = all(scheduleType);
    expect(schedules.map((x) => x.name)).toEqual(['DriftCheckSchedule']);
    const schedule = schedules[0]!;
    expect(schedule.inputs).toMatchObject({
      scheduleExpression: 'rate(15 minutes)',
      state: 'ENABLED',
      flexibleTimeWindow: { mode: 'OFF' },
    });
    expect(input(schedule, 'target')).toMatchObject({
      arn: functionArn('DetectDrift'),
      roleArn: roleArn('DriftCheck'),
      retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },
      deadLetterConfig: { arn: dlqArn() },
    });
  });

  it('lets the scheduler only invoke detect-drift and hand failures to the dead-letter queue', () => {
    expect(statementsOfRole('DriftCheckRole')).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn('DetectDrift')] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [dlqArn()] },
    ]);
  });

  it('sends a Scheduled Check the event normaliser reads as a full drift check of every target', () => {
    const target = input<{ input: string }>(one(scheduleType, 'DriftCheckSchedule'), 'target');
    // What EventBridge Scheduler substitutes for its context attributes at each run.
    const delivered = target.input
      .replace('<aws.scheduler.execution-id>', 'run-1')
      .replace('<aws.scheduler.scheduled-time>', '2026-03-01T00:15:00Z')
      .replace('<aws.scheduler.schedule-arn>', 'arn:aws:scheduler:us-east-1:111111111111:schedule/default/x');
    expect(normalizeEvent(JSON.parse(delivered))).toEqual({
      type: 'schedule',
      check: 'drift',
      scheduleName: 'DriftCheck',
      time: '2026-03-01T00:15:00Z',
      eventId: 'run-1',
    });
  });

  it('leaves the reconciler’s own App Mesh writes out of the CloudTrail rule and lets everyone else’s in', () => {
    const rule = one(ruleType, 'defaultSubscriberDetectDriftAppMeshCallRule');
    const pattern = JSON.parse(input<string>(rule, 'eventPattern')) as EventPattern;
    const call = (arn: string) => ({
      source: 'aws.appmesh',
      'detail-type': 'AWS API Call via CloudTrail',
      detail: {
        eventSource: 'appmesh.amazonaws.com',
        eventName: 'UpdateVirtualNode',
        userIdentity: { arn },
      },
    });
    const session = (role: string) => `arn:aws:sts::${synthAccount}:assumed-role/${role}/session`;
    expect(matchesPattern(pattern, call(session(reconcileRoleName())))).toBe(false);
    expect(matchesPattern(pattern, call(session('Admin')))).toBe(true);
  });

  it('tells detect-drift which roles are meshcd’s own: the reconciler’s and its own', () => {
    const env = input<{ variables: Record<string, string> }>(
      one(fnType, 'DetectDriftFunction'),
      'environment',
    );
    expect(JSON.parse(env.variables.MESHCD_OWN_ROLE_ARNS ?? '')).toEqual([
      roleArn('Reconcile'),
      roleArn('DetectDrift'),
    ]);
  });

  it('grants detect-drift only reads of the targets’ meshes when no target self-heals', () => {
    const meshes = [
      'arn:aws:appmesh:eu-west-1:111111111111:mesh/*',
      'arn:aws:appmesh:us-east-1:444444444444:mesh/*',
    ];
    const tableResources = [tableArn(), `${tableArn()}/index/*`].sort();
    const granted = grants('DetectDrift');
    expect(granted).toEqual({
      'appmesh:List*': meshes,
      'appmesh:Describe*': meshes,
      'appmesh:ListTagsForResource': meshes,
      'appmesh:ListMeshes': ['*'],
      // Read with the function's own credentials: in the deployment's account, in each App Mesh target's region.
      'servicequotas:GetServiceQuota': ['eu-central-1', 'eu-west-1', 'us-east-1'].map(
        (r) => `arn:aws:servicequotas:${r}:${synthAccount}:appmesh/*`,
      ),
      // Without it every scheduled check of a target with a cluster throws before the lease sweep.
      'eks:DescribeCluster': ['arn:aws:eks:eu-west-1:111111111111:cluster/payments-eks'],
      ...assumeRole,
      'dynamodb:GetItem': [tableArn()],
      'dynamodb:PutItem': [tableArn()],
      'dynamodb:Query': tableResources,
      'events:PutEvents': [busArn()],
      ...cloudMapGrants(),
      'sqs:SendMessage': [dlqArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
    expect(Object.keys(granted).filter((a) => /^appmesh:(Create|Update|Delete|Tag|Untag)/.test(a))).toEqual(
      [],
    );
  });
});
