import { paginate } from '../aws-common/paginate.ts';
import { parseArn } from './arn.ts';
import { AppMeshError, badRequest, notFound } from './errors.ts';
import { denied, type OperationContext, requireValidBody, str } from './operation-context.ts';
import type { StoredResource, TagRef } from './service-state.ts';

/** The resource an ARN names; tagging is limited to resources the caller's account created (§9, §10). */
function taggable(ctx: OperationContext, action: string): StoredResource {
  const arn = str(ctx, 'resourceArn') ?? '';
  if (!parseArn(arn)) throw badRequest(`resourceArn ${arn} is not an App Mesh ARN`);
  const found = Object.values(ctx.state.resources).find((r) => r.arn === arn);
  if (!found) throw notFound(`No App Mesh resource has ARN ${arn}`);
  if (found.resourceOwner !== ctx.caller) throw denied(ctx, found, action);
  requireValidBody(ctx);
  return found;
}

export function tagResource(ctx: OperationContext): Record<string, unknown> {
  const r = taggable(ctx, 'tag');
  const incoming = (ctx.input.tags as TagRef[]) ?? [];
  const merged = new Map(r.tags.map((t) => [t.key, t.value]));
  for (const t of incoming) merged.set(t.key, t.value);
  // Atomic: over the limit, none of the tags in this request are applied.
  if (merged.size > ctx.config.quotas.tagsPerResource)
    throw new AppMeshError(
      'TooManyTagsException',
      `Tagging ${r.arn} would leave ${merged.size} tags, more than the limit of ${ctx.config.quotas.tagsPerResource}`,
    );
  r.tags = [...merged].map(([key, value]) => ({ key, value }));
  return {};
}

export function untagResource(ctx: OperationContext): Record<string, unknown> {
  const r = taggable(ctx, 'untag');
  const keys = new Set((ctx.input.tagKeys as string[]) ?? []);
  r.tags = r.tags.filter((t) => !keys.has(t.key));
  return {};
}

export function listTagsForResource(ctx: OperationContext): Record<string, unknown> {
  const r = taggable(ctx, 'list the tags of');
  const page = paginate(r.tags, (t) => t.key, {
    limit: ctx.input.limit as number | undefined,
    nextToken: str(ctx, 'nextToken'),
    scope: `tags:${r.arn}`,
    defaultLimit: 50,
    invalidToken: badRequest,
  });
  return {
    tags: page.items.map((t) => ({ ...t })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
