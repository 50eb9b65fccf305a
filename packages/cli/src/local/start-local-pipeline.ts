import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Target } from '@meshcd/core';
import {
  type EksEmulatorHandle,
  type EventBusHandle,
  startEksEmulator,
  startEventBus,
} from '@meshcd/emulators';
import {
  appMeshApiCallPatternExcluding,
  detailTypes,
  eventSources,
  rulePatterns,
  schemaVersion,
} from '@meshcd/events';
import { createDynamoStateStore, createStateTable } from '@meshcd/state';
import type { Context, LambdaFunctionURLResult } from 'aws-lambda';
import { driftEntry, type EventLogEntry, reconcileEntry, webhookEntry } from './event-log.ts';
import { functionUrlEvent } from './function-url-event.ts';
import { invoking } from './invoked-function.ts';
import { lambdaContext } from './lambda-context.ts';
import { localFunctionRoleName, localSecretAccessKey } from './local-eks.ts';

export interface LocalPipelineOptions {
  /** Endpoints of the running emulators. */
  appmesh: string;
  /** The Cloud Map emulator; pods of Cloud Map nodes are registered there. */
  cloudmap?: string;
  /** The VPC Lattice emulator, where targets with provider `lattice` are reconciled and their pods registered. */
  lattice?: string;
  dynamodb: string;
  /** The Kubernetes API server every target's cluster resolves to. */
  kube?: string;
  /**
   * The Kubernetes API server is in EKS mode (`localEksMode`): the functions reach it as they reach EKS,
   * DescribeCluster (from a local EKS API) and a presigned-STS token per request, instead of directly.
   */
  eks?: boolean;
  /** STS, where the functions assume the roles of targets in other accounts. */
  sts?: string;
  /** Service Quotas, where the drift check reads the account's App Mesh limits; the documented defaults when absent. */
  serviceQuotas?: string;
  /** How often EventBridge Scheduler would start a drift check; none when absent. */
  driftEveryMs?: number;
  targets: Target[];
  webhookSecret: string;
  tableName: string;
  busName?: string;
  /** Powertools log level of the functions; quiet by default so the CLI's own output stays readable. */
  logLevel?: string;
  /** Secrets the deployment hands over by name (git credentials, Git host API tokens). */
  secrets?: Record<string, string>;
  /** Called once per event handled: each webhook answer, each reconcile outcome, each drift found. */
  onEvent?: (entry: EventLogEntry) => void;
  /** Ports of the webhook and the event bus; free ones when absent. */
  ports?: { webhook?: number | undefined; eventbridge?: number | undefined };
}

export interface LocalPipeline {
  /** Where GitHub-style webhooks are delivered (the ingest function's URL). */
  webhook: string;
  eventBus: EventBusHandle;
  /** The local EKS API, when the cluster is in EKS mode. */
  eks?: EksEmulatorHandle;
  close(): Promise<void>;
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The deployed system on one machine: the real function handlers (functions/), configured through the
 * same environment variables infra/ sets, the webhook behind an HTTP server standing in for the function
 * URL, and a local EventBridge routing with the rule patterns infra/ deploys. The functions reach the
 * emulators through the unmodified AWS SDK clients.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const busName = options.busName ?? 'meshcd-local';
  const eventBus = await startEventBus({ maxAttempts: 3, port: options.ports?.eventbridge ?? 0 });
  const dynamo = new DynamoDBClient({
    endpoint: options.dynamodb,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createStateTable(dynamo, options.tableName);
  // As deploy does: the targets are records in the table, not the functions' environment.
  const registry = createDynamoStateStore({ client: dynamo, tableName: options.tableName });
  for (const target of options.targets) await registry.putTarget(target);
  dynamo.destroy();
  delete process.env.MESHCD_TARGETS;

  const accountId = options.targets[0]?.accountId ?? '111122223333';
  const kube = options.kube;
  let eks: EksEmulatorHandle | undefined;
  if (kube && options.eks) {
    const clusters = Object.fromEntries(
      options.targets.flatMap((t) => (t.cluster ? [[t.cluster.name, kube]] : [])),
    );
    eks = await startEksEmulator({ clusters, accountId, region: 'us-west-2' });
  }
  Object.assign(process.env, {
    AWS_REGION: 'us-west-2',
    // The App Mesh emulator reads the caller's account from the access key id.
    AWS_ACCESS_KEY_ID: accountId,
    AWS_SECRET_ACCESS_KEY: localSecretAccessKey,
    MESHCD_TABLE: options.tableName,
    MESHCD_BUS: busName,
    MESHCD_GITHUB_WEBHOOK_SECRET: options.webhookSecret,
    ...(options.secrets ? { MESHCD_GIT_CREDENTIALS: JSON.stringify(options.secrets) } : {}),
    MESHCD_APPMESH_ENDPOINT: options.appmesh,
    MESHCD_DYNAMODB_ENDPOINT: options.dynamodb,
    MESHCD_EVENTBRIDGE_ENDPOINT: eventBus.endpoint,
    ...(kube && !eks ? { MESHCD_KUBE_ENDPOINT: kube } : {}),
    ...(eks ? { MESHCD_EKS_ENDPOINT: eks.endpoint } : {}),
    ...(options.cloudmap ? { MESHCD_CLOUDMAP_ENDPOINT: options.cloudmap } : {}),
    ...(options.sts ? { MESHCD_STS_ENDPOINT: options.sts } : {}),
    ...(options.serviceQuotas ? { MESHCD_SERVICEQUOTAS_ENDPOINT: options.serviceQuotas } : {}),
    // Every function that touches a Lattice target reaches it: reconcile, cluster-event and detect-drift.
    ...(options.lattice ? { MESHCD_LATTICE_ENDPOINT: options.lattice } : {}),
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  // Imported after the environment is set: each function parses its configuration once, as at a cold start.
  const ingest = (await import('@meshcd/functions/ingest-webhook')).handler as unknown as Handler<
    ReturnType<typeof functionUrlEvent>,
    LambdaFunctionURLResult
  >;
  const reconcile = (await import('@meshcd/functions/reconcile')).handler as unknown as Handler<
    unknown,
    void
  >;
  const clusterEvent = (await import('@meshcd/functions/cluster-event')).handler as unknown as Handler<
    unknown,
    void
  >;
  const detectDrift = (await import('@meshcd/functions/detect-drift')).handler as unknown as Handler<
    unknown,
    void
  >;

  eventBus.bus.subscribe('reconcile-git-push', rulePatterns.gitPush, (e) =>
    invoking('reconcile', () => reconcile(e, lambdaContext('reconcile'))),
  );
  eventBus.bus.subscribe('reconcile-codecommit', rulePatterns.codeCommitPush, (e) =>
    invoking('reconcile', () => reconcile(e, lambdaContext('reconcile'))),
  );
  eventBus.bus.subscribe('cluster-object-changed', rulePatterns.clusterObjectChanged, (e) =>
    invoking('cluster-event', () => clusterEvent(e, lambdaContext('cluster-event'))),
  );
  eventBus.bus.subscribe('drift-check', rulePatterns.scheduledCheck, (e) =>
    invoking('detect-drift', () => detectDrift(e, lambdaContext('detect-drift', 5 * 60_000))),
  );
  // App Mesh calls CloudTrail reports (on the default bus on AWS, on the one local bus here), except the
  // reconciler's own: a targeted check of the resource they touched.
  eventBus.bus.subscribe(
    'drift-app-mesh-call',
    appMeshApiCallPatternExcluding(accountId, localFunctionRoleName),
    (e) => invoking('detect-drift', () => detectDrift(e, lambdaContext('detect-drift', 5 * 60_000))),
  );
  // What the system did, read from the bus like any consumer of meshcd's outcome events would.
  const onEvent = options.onEvent;
  if (onEvent) {
    eventBus.bus.subscribe('event-log-outcome', rulePatterns.reconcileOutcome, async (e) =>
      onEvent(reconcileEntry(e['detail-type'], e.detail as Parameters<typeof reconcileEntry>[1])),
    );
    eventBus.bus.subscribe('event-log-drift', rulePatterns.driftDetected, async (e) =>
      onEvent(driftEntry(e.detail as Parameters<typeof driftEntry>[0])),
    );
  }
  // EventBridge Scheduler's part: a Scheduled Check on the bus at a fixed rate.
  const schedule = options.driftEveryMs
    ? setInterval(() => {
        eventBus.bus.put({
          Source: eventSources.scheduler,
          DetailType: detailTypes.scheduledCheck,
          Detail: JSON.stringify({ schemaVersion, check: 'drift', scheduleName: 'local-drift-check' }),
        });
      }, options.driftEveryMs)
    : undefined;
  schedule?.unref();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const result = await invoking('ingest-webhook', () =>
          ingest(functionUrlEvent(req, Buffer.concat(chunks)), lambdaContext('ingest-webhook', 30_000)),
        );
        const r = typeof result === 'string' ? { statusCode: 200, body: result } : result;
        onEvent?.(webhookEntry(r.statusCode ?? 200, r.body ?? ''));
        res.writeHead(r.statusCode ?? 200, {
          'content-type': 'application/json',
          ...(r.headers as Record<string, string>),
        });
        res.end(r.body ?? '');
      } catch (error) {
        // A function error is what a function URL answers with 502.
        const body = JSON.stringify({ message: error instanceof Error ? error.message : String(error) });
        onEvent?.(webhookEntry(502, body));
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(body);
      }
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.ports?.webhook ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if (schedule) clearInterval(schedule);
    await eventBus.close();
    await eks?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    webhook: `http://127.0.0.1:${port}/`,
    eventBus,
    ...(eks ? { eks } : {}),
    close: async () => {
      if (schedule) clearInterval(schedule);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await eventBus.close();
      await eks?.close();
    },
  };
}
