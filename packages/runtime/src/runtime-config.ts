import type { Target } from '@meshcd/core';
import * as z from 'zod';
import { ConfigError } from './config-error.ts';
import { linkedSecret } from './linked-secret.ts';
import { targetsSchema } from './target-schema.ts';

/** Everything a function reads from its environment, parsed and checked once per cold start. */
export interface RuntimeConfig {
  service: string;
  region: string;
  tableName: string;
  busName: string;
  /** Targets given in the environment (local mode); deployed functions read them from the table instead. */
  targets?: Target[];
  /** Webhook shared secrets; a provider without one is refused with 401. */
  webhookSecrets: { github?: string; gitlab?: string };
  /** Git credentials handed over by the deployment, by secret name (the rest come from Secrets Manager). */
  gitCredentials: Record<string, string>;
  /** Largest webhook body accepted (bytes); larger is refused with 413 before anything is parsed. */
  maxWebhookBytes: number;
  deliveryTtlSeconds: number;
  leaseTtlMs: number;
  /** Time kept back from the Lambda deadline to record progress and publish a continuation. */
  reserveMs: number;
  /**
   * This container's share of the App Mesh call rates of one account and region (calls per second) and
   * of their burst. Deploy divides each account's budget by the function's reserved concurrency, so all
   * containers together stay within it; unset, one container takes the whole budget (local mode).
   */
  appMeshRates: { read?: number; write?: number; burst?: number };
  /** IAM roles meshcd's own functions run as: their App Mesh calls in CloudTrail are not out-of-band edits. */
  ownRoleArns: string[];
  metricsNamespace: string;
  tracing: boolean;
  /** Endpoint overrides for local mode (emulators, dynalite, a local bus). */
  endpoints: {
    appMesh?: string;
    dynamoDb?: string;
    eventBridge?: string;
    secretsManager?: string;
    kube?: string;
    eks?: string;
    cloudMap?: string;
    lattice?: string;
    /** STS, where targets' roles are assumed. */
    sts?: string;
    /** Service Quotas, where the drift check reads the account's App Mesh limits. */
    serviceQuotas?: string;
  };
}

const text = z.string().trim().min(1);
const positiveInt = z.coerce.number().int().positive();
const url = z.url();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const jsonOf = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not JSON: ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** Variable name → schema. Optional variables carry their default here, so the table is the documentation. */
const variables = {
  POWERTOOLS_SERVICE_NAME: text.default('meshcd'),
  AWS_REGION: text.default('us-east-1'),
  MESHCD_TABLE: text,
  MESHCD_BUS: text,
  MESHCD_TARGETS: jsonOf(targetsSchema).optional(),
  MESHCD_GITHUB_WEBHOOK_SECRET: z.string().optional(),
  MESHCD_GITLAB_WEBHOOK_SECRET: z.string().optional(),
  MESHCD_GIT_CREDENTIALS: jsonOf(z.record(z.string(), z.string())).default({}),
  MESHCD_MAX_WEBHOOK_BYTES: positiveInt.default(1024 * 1024),
  MESHCD_DELIVERY_TTL_SECONDS: positiveInt.default(3 * 86_400),
  MESHCD_LEASE_TTL_MS: positiveInt.default(16 * 60_000),
  MESHCD_RESERVE_MS: positiveInt.default(30_000),
  MESHCD_APPMESH_READ_RATE: z.coerce.number().positive().optional(),
  MESHCD_APPMESH_WRITE_RATE: z.coerce.number().positive().optional(),
  MESHCD_APPMESH_BURST: positiveInt.optional(),
  MESHCD_OWN_ROLE_ARNS: jsonOf(
    z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\//, 'an IAM role ARN')),
  ).default([]),
  POWERTOOLS_METRICS_NAMESPACE: text.default('meshcd'),
  POWERTOOLS_TRACE_ENABLED: flag.default(true),
  MESHCD_APPMESH_ENDPOINT: url.optional(),
  MESHCD_DYNAMODB_ENDPOINT: url.optional(),
  MESHCD_EVENTBRIDGE_ENDPOINT: url.optional(),
  MESHCD_SECRETSMANAGER_ENDPOINT: url.optional(),
  /** A Kubernetes API server to use for every target's cluster instead of EKS (the local emulator). */
  MESHCD_KUBE_ENDPOINT: url.optional(),
  /** An EKS API (DescribeCluster) to use instead of AWS's: the local EKS emulator. */
  MESHCD_EKS_ENDPOINT: url.optional(),
  MESHCD_STS_ENDPOINT: url.optional(),
  MESHCD_SERVICEQUOTAS_ENDPOINT: url.optional(),
  MESHCD_CLOUDMAP_ENDPOINT: url.optional(),
  MESHCD_LATTICE_ENDPOINT: url.optional(),
} as const;

type Variables = { [K in keyof typeof variables]: z.output<(typeof variables)[K]> };

/**
 * Parses the environment. The first bad variable fails the cold start with a ConfigError naming it and,
 * for MESHCD_TARGETS, the index and field of the bad target (`MESHCD_TARGETS: [1].accountId: …`).
 * Empty strings count as unset, as the Lambda console leaves them.
 */
export function parseRuntimeConfig(
  env: Record<string, string | undefined>,
  /** Secrets linked by the deployment (SST); the environment's values win, for local mode. */
  linked: (name: string) => string | undefined = linkedSecret,
): RuntimeConfig {
  const v = {} as Record<string, unknown>;
  for (const [name, schema] of Object.entries(variables)) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.map((p) => `[${String(p)}]`).join('')}: ` : '';
      const message = raw === undefined ? 'is required but not set' : `${where}${issue?.message}`;
      throw new ConfigError(name, message, result.error);
    }
    v[name] = result.data;
  }
  return toConfig(v as Variables, linked);
}

function toConfig(v: Variables, linked: (name: string) => string | undefined): RuntimeConfig {
  const gitCredentials = linked('GitCredentials');
  const optional = <K extends string, T>(key: K, value: T | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;
  return {
    service: v.POWERTOOLS_SERVICE_NAME,
    region: v.AWS_REGION,
    tableName: v.MESHCD_TABLE,
    busName: v.MESHCD_BUS,
    ...optional('targets', v.MESHCD_TARGETS),
    webhookSecrets: {
      ...optional('github', v.MESHCD_GITHUB_WEBHOOK_SECRET ?? linked('GithubWebhookSecret')),
      ...optional('gitlab', v.MESHCD_GITLAB_WEBHOOK_SECRET ?? linked('GitlabWebhookSecret')),
    },
    // The deployment's own credentials secret is handed over under its name; empty means none.
    gitCredentials: {
      ...(gitCredentials ? { GitCredentials: gitCredentials } : {}),
      ...v.MESHCD_GIT_CREDENTIALS,
    },
    maxWebhookBytes: v.MESHCD_MAX_WEBHOOK_BYTES,
    deliveryTtlSeconds: v.MESHCD_DELIVERY_TTL_SECONDS,
    leaseTtlMs: v.MESHCD_LEASE_TTL_MS,
    reserveMs: v.MESHCD_RESERVE_MS,
    appMeshRates: {
      ...optional('read', v.MESHCD_APPMESH_READ_RATE),
      ...optional('write', v.MESHCD_APPMESH_WRITE_RATE),
      ...optional('burst', v.MESHCD_APPMESH_BURST),
    },
    ownRoleArns: v.MESHCD_OWN_ROLE_ARNS,
    metricsNamespace: v.POWERTOOLS_METRICS_NAMESPACE,
    tracing: v.POWERTOOLS_TRACE_ENABLED,
    endpoints: {
      ...optional('appMesh', v.MESHCD_APPMESH_ENDPOINT),
      ...optional('dynamoDb', v.MESHCD_DYNAMODB_ENDPOINT),
      ...optional('eventBridge', v.MESHCD_EVENTBRIDGE_ENDPOINT),
      ...optional('secretsManager', v.MESHCD_SECRETSMANAGER_ENDPOINT),
      ...optional('kube', v.MESHCD_KUBE_ENDPOINT),
      ...optional('eks', v.MESHCD_EKS_ENDPOINT),
      ...optional('cloudMap', v.MESHCD_CLOUDMAP_ENDPOINT),
      ...optional('lattice', v.MESHCD_LATTICE_ENDPOINT),
      ...optional('sts', v.MESHCD_STS_ENDPOINT),
      ...optional('serviceQuotas', v.MESHCD_SERVICEQUOTAS_ENDPOINT),
    },
  };
}

let cached: RuntimeConfig | undefined;

/** The configuration of this execution environment, parsed on first use and kept for warm invocations. */
export function runtimeConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  cached ??= parseRuntimeConfig(env);
  return cached;
}
