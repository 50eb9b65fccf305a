import { rulePatterns } from '@meshcd/events';
import { targetsSchema } from '@meshcd/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStatement } from './policy-document.ts';
import { arnOf, type RecordedResource, type SynthResult, synthesize } from './synth-app.ts';

const targets = [
  {
    id: 'payments',
    source: {
      repository: 'https://github.com/org/payments-mesh.git',
      branch: 'main',
      credentialsSecret: 'team/git',
    },
    accountId: '222222222222',
    region: 'eu-west-1',
    cluster: { name: 'payments-eks' },
  },
  {
    id: 'shared',
    source: {
      repository: 'https://github.com/org/shared-mesh.git',
      branch: 'main',
      credentialsSecret: 'GitCredentials',
    },
    accountId: '333333333333',
    meshOwner: '444444444444',
    region: 'us-east-1',
  },
];

let app: SynthResult;

beforeAll(async () => {
  app = await synthesize({
    SST_SECRET_GithubWebhookSecret: 'github-secret',
    SST_SECRET_GitlabWebhookSecret: 'gitlab-secret',
    MESHCD_TARGETS: JSON.stringify(targets),
  });
}, 60_000);

const all = (type: string) => app.resources.filter((r) => r.type === type);
const one = (type: string, name: string): RecordedResource => {
  const found = app.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
};
const input = <T = unknown>(r: RecordedResource, key: string) => r.inputs[key] as T;

const fnType = 'aws:lambda/function:Function';
const ruleType = 'aws:cloudwatch/eventRule:EventRule';
const targetType = 'aws:cloudwatch/eventTarget:EventTarget';
const functionArn = (name: string) => arnOf(fnType, `${name}Function`);
const busArn = () => arnOf('aws:cloudwatch/eventBus:EventBus', 'MeshcdBusBus');
const tableArn = () => arnOf('aws:dynamodb/table:Table', 'MeshcdStateTable');
const dlqArn = () => arnOf('aws:sqs/queue:Queue', 'MeshcdDeadLettersQueue');
const ruleArn = (name: string) => arnOf(ruleType, `${name}Rule`);

/** The inline policy statements of a function's role. */
function statementsOf(functionName: string): PolicyStatement[] {
  const role = one('aws:iam/role:Role', `${functionName}Role`);
  const inline = input<Array<{ policy: string }>>(role, 'inlinePolicies');
  return inline.flatMap((p) => (JSON.parse(p.policy) as { Statement: PolicyStatement[] }).Statement);
}

/** action → resources it is granted on, across the statements. */
function grants(functionName: string): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const s of statementsOf(functionName)) {
    expect(s.Effect).toBe('Allow');
    for (const action of s.Action) map[action] = [...(map[action] ?? []), ...s.Resource].sort();
  }
  return map;
}

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
];

describe('sst.config.ts under Pulumi mocks', () => {
  it('subscribes each function with exactly the rule patterns @meshcd/events exports', () => {
    expect(all(ruleType)).toHaveLength(subscriptions.length);
    for (const s of subscriptions) {
      const rule = one(ruleType, `${s.name}Rule`);
      expect(JSON.parse(input<string>(rule, 'eventPattern'))).toEqual(s.pattern);
      expect(input(rule, 'state')).toBe('ENABLED');
    }
  });

  it('listens for git pushes on meshcd bus and for CodeCommit on the default bus', () => {
    const busName = input<string>(one('aws:cloudwatch/eventBus:EventBus', 'MeshcdBusBus'), 'name');
    expect(input(one(ruleType, 'MeshcdBusSubscriberReconcileGitPushRule'), 'eventBusName')).toBe(busName);
    expect(input(one(ruleType, 'defaultSubscriberReconcileCodeCommitRule'), 'eventBusName')).toBe('default');
  });

  it('targets each rule at its function with a bounded retry policy and the dead-letter queue', () => {
    expect(all(targetType)).toHaveLength(subscriptions.length);
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

  it('lets only those four rules write into the dead-letter queue', () => {
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

  it('grants the webhook receiver PutEvents on the bus and delivery records in the table, nothing else', () => {
    expect(grants('IngestWebhook')).toEqual({
      'events:PutEvents': [busArn()],
      'dynamodb:GetItem': [tableArn()],
      'dynamodb:PutItem': [tableArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  it("scopes the reconciler's App Mesh, EKS and secret access to the configured targets", () => {
    const meshes = [
      'arn:aws:appmesh:eu-west-1:222222222222:mesh/*',
      'arn:aws:appmesh:us-east-1:444444444444:mesh/*',
    ];
    const tableResources = [tableArn(), `${tableArn()}/index/*`].sort();
    const appMesh = Object.fromEntries(
      ['List*', 'Describe*', 'Create*', 'Update*', 'Delete*', 'TagResource', 'ListTagsForResource'].map(
        (a) => [`appmesh:${a}`, meshes],
      ),
    );
    expect(grants('Reconcile')).toEqual({
      ...appMesh,
      'appmesh:ListMeshes': ['*'],
      'dynamodb:GetItem': tableResources,
      'dynamodb:PutItem': tableResources,
      'dynamodb:DeleteItem': tableResources,
      'dynamodb:Query': tableResources,
      'events:PutEvents': [busArn()],
      // The handed-over GitCredentials secret needs no Secrets Manager access.
      'secretsmanager:GetSecretValue': [
        'arn:aws:secretsmanager:eu-west-1:222222222222:secret:team/git-??????',
      ],
      'eks:DescribeCluster': ['arn:aws:eks:eu-west-1:222222222222:cluster/payments-eks'],
      'sqs:SendMessage': [dlqArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  it('grants the cluster-event function only DescribeCluster on the configured clusters', () => {
    expect(grants('ClusterEvent')).toEqual({
      'eks:DescribeCluster': ['arn:aws:eks:eu-west-1:222222222222:cluster/payments-eks'],
      'sqs:SendMessage': [dlqArn()],
      'xray:PutTraceSegments': ['*'],
      'xray:PutTelemetryRecords': ['*'],
    });
  });

  it('uses no wildcard action and resource * only where AWS accepts nothing narrower', () => {
    const needsStar = new Set(['appmesh:ListMeshes', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
    for (const fn of ['IngestWebhook', 'Reconcile', 'ClusterEvent']) {
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
      'IngestWebhookFunction',
      'ReconcileFunction',
    ]);
    for (const f of functions) {
      expect(input(f, 'runtime')).toBe('nodejs24.x');
      expect(input(f, 'tracingConfig')).toEqual({ mode: 'Active' });
    }
  });

  it('hands every function the targets as validated configuration and the webhook secrets to the receiver only', () => {
    for (const name of ['IngestWebhookFunction', 'ReconcileFunction', 'ClusterEventFunction']) {
      const env = input<{ variables: Record<string, string> }>(one(fnType, name), 'environment').variables;
      expect(targetsSchema.parse(JSON.parse(env.MESHCD_TARGETS ?? ''))).toEqual(targetsSchema.parse(targets));
      expect(env.MESHCD_TABLE).toBe(input(one('aws:dynamodb/table:Table', 'MeshcdStateTable'), 'name'));
      const hasSecret = 'MESHCD_GITHUB_WEBHOOK_SECRET' in env;
      expect(hasSecret).toBe(name === 'IngestWebhookFunction');
    }
  });

  it('sends asynchronous invocations that keep failing to the dead-letter queue', () => {
    for (const fn of ['Reconcile', 'ClusterEvent']) {
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
    expect(Object.keys(app.bundles).sort()).toEqual(['ClusterEvent', 'IngestWebhook', 'Reconcile']);
    for (const bundle of Object.values(app.bundles)) expect(bundle.bytes).toBeGreaterThan(0);
  });
});
