import { isIP } from 'node:net';
import { listPage } from './list-page.ts';
import { requireQuota } from './new-resource.ts';
import { type Operation, type OperationContext, requireOwner } from './operation-context.ts';
import { servicesUsing } from './render.ts';
import type { StoredResource, StoredTarget } from './service-state.ts';
import { targetGroup } from './target-group-operations.ts';

interface TargetInput {
  id: string;
  port?: number;
}

const keyOf = (id: string, port: number | undefined) => `${id}|${port ?? ''}`;
const portFor = (tg: StoredResource, t: TargetInput) =>
  tg.attrs.type === 'LAMBDA'
    ? undefined
    : (t.port ?? ((tg.attrs.config as { port?: number }).port as number));

/** Why a target cannot be in this group, if it cannot (§3.8; failure codes are undocumented, §7.13). */
function invalidTarget(tg: StoredResource, t: TargetInput): string | undefined {
  const type = tg.attrs.type;
  if (type === 'IP') {
    const family = isIP(t.id);
    const wanted = (tg.attrs.config as { ipAddressType?: string }).ipAddressType === 'IPV6' ? 6 : 4;
    if (family !== wanted) return `${t.id} is not an IPv${wanted} address`;
  }
  if (type === 'INSTANCE' && !/^i-[0-9a-f]{8,17}$/.test(t.id)) return `${t.id} is not an EC2 instance id`;
  if (type === 'LAMBDA' && !/^arn:[^:]+:lambda:/.test(t.id)) return `${t.id} is not a Lambda function ARN`;
  if (type === 'ALB' && !/^arn:[^:]+:elasticloadbalancing:.*:loadbalancer\/app\//.test(t.id))
    return `${t.id} is not an Application Load Balancer ARN`;
  return undefined;
}

const targetsOf = (ctx: OperationContext, tg: StoredResource): Record<string, StoredTarget> => {
  ctx.state.targets[tg.id] ??= {};
  return ctx.state.targets[tg.id] as Record<string, StoredTarget>;
};

/** An upsert on (id, port): registering a present or draining target keeps it (§3.8). Over 1,000 → quota. */
export const registerTargets: Operation = (ctx) => {
  const tg = targetGroup(ctx);
  requireOwner(ctx, tg);
  const current = targetsOf(ctx, tg);
  const successful: TargetInput[] = [];
  const unsuccessful: Record<string, unknown>[] = [];
  const fresh = new Set<string>();
  for (const t of ctx.input.targets as TargetInput[]) {
    const port = portFor(tg, t);
    const reason = invalidTarget(tg, t);
    const lambdaTaken =
      tg.attrs.type === 'LAMBDA' &&
      Object.values(current).some((c) => c.id !== t.id && c.drainUntil === undefined);
    if (reason || lambdaTaken) {
      unsuccessful.push({
        id: t.id,
        port: t.port,
        failureCode: 'InvalidTarget',
        failureMessage: reason ?? 'A LAMBDA target group holds one target',
      });
      continue;
    }
    if (!current[keyOf(t.id, port)]) fresh.add(keyOf(t.id, port));
    successful.push({ id: t.id, ...(port !== undefined ? { port } : {}) });
  }
  requireQuota(ctx, 'targetsPerTargetGroup', Object.keys(current).length, 'TARGET_GROUP', tg.id, fresh.size);
  for (const t of successful) {
    const key = keyOf(t.id, t.port);
    const existing = current[key];
    if (existing) delete existing.drainUntil;
    else
      current[key] = { id: t.id, ...(t.port !== undefined ? { port: t.port } : {}), registeredAt: ctx.now };
  }
  return { successful, unsuccessful };
};

/** Present targets start DRAINING for the draining time; unknown ones fail with TargetNotFound (§1.8). */
export const deregisterTargets: Operation = (ctx) => {
  const tg = targetGroup(ctx);
  requireOwner(ctx, tg);
  const current = targetsOf(ctx, tg);
  const successful: TargetInput[] = [];
  const unsuccessful: Record<string, unknown>[] = [];
  for (const t of ctx.input.targets as TargetInput[]) {
    const port = portFor(tg, t);
    const found = current[keyOf(t.id, port)];
    if (!found) {
      unsuccessful.push({
        id: t.id,
        port: t.port,
        failureCode: 'TargetNotFound',
        failureMessage: `Target ${t.id} is not registered`,
      });
      continue;
    }
    found.drainUntil ??= ctx.now + ctx.config.timing.drainingMs;
    successful.push({ id: t.id, ...(port !== undefined ? { port } : {}) });
  }
  return { successful, unsuccessful };
};

/** A target's status (§3.8): DRAINING, UNUSED, UNAVAILABLE, INITIAL, then what the health source says. */
function statusOf(ctx: OperationContext, tg: StoredResource, t: StoredTarget, used: boolean): string {
  if (t.drainUntil !== undefined) return 'DRAINING';
  if (!used) return 'UNUSED';
  const hc = (tg.attrs.config as { healthCheck?: { enabled?: boolean } }).healthCheck;
  if (!hc || hc.enabled === false) return 'UNAVAILABLE';
  if (ctx.now < t.registeredAt + ctx.config.timing.initialHealthMs) return 'INITIAL';
  const ref = {
    targetGroupId: tg.id,
    targetGroupArn: tg.arn,
    id: t.id,
    ...(t.port !== undefined ? { port: t.port } : {}),
  };
  return ctx.config.healthSource?.(ref) ?? ctx.config.targetHealth[t.id] ?? ctx.config.defaultTargetHealth;
}

export const listTargets: Operation = (ctx) => {
  const tg = targetGroup(ctx);
  const filter = (ctx.input.targets as TargetInput[] | undefined) ?? [];
  const all = Object.values(ctx.state.targets[tg.id] ?? {}).filter(
    (t) =>
      filter.length === 0 || filter.some((f) => f.id === t.id && (f.port === undefined || f.port === t.port)),
  );
  // Whether a service uses the group is one answer for all its targets: asked once, not per target.
  const used = servicesUsing(ctx.state, tg.id).length > 0;
  return listPage(
    ctx,
    all,
    (t) => `${t.registeredAt.toString().padStart(15, '0')}|${keyOf(t.id, t.port)}`,
    `targets:${tg.id}:${JSON.stringify(filter)}`,
    (t) => ({
      id: t.id,
      port: t.port,
      status: statusOf(ctx, tg, t, used),
    }),
  );
};
