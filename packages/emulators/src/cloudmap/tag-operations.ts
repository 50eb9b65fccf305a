import { type CloudMapContext, str } from './cloud-map-context.ts';
import { CloudMapError } from './cloud-map-errors.ts';
import type { Tag } from './cloud-map-state.ts';

/** The caller's namespace or service an ARN names; tags live on those two kinds only. */
function taggable(ctx: CloudMapContext): string {
  const arn = str(ctx, 'ResourceARN') ?? '';
  const found = [...Object.values(ctx.state.namespaces), ...Object.values(ctx.state.services)].find(
    (r) => r.Arn === arn && r.ResourceOwner === ctx.caller,
  );
  if (!found) throw new CloudMapError('ResourceNotFoundException', `The resource ${arn} was not found`);
  return arn;
}

export function checkTagCount(ctx: CloudMapContext, count: number, resourceName: string): void {
  if (count > ctx.config.quotas.tagsPerResource)
    throw new CloudMapError(
      'TooManyTagsException',
      `${resourceName} would have ${count} tags, more than the limit of ${ctx.config.quotas.tagsPerResource}`,
      { ResourceName: resourceName },
    );
}

/** Atomic: over the limit, none of the request's tags are applied. */
export function tagResource(ctx: CloudMapContext) {
  const arn = taggable(ctx);
  const merged = new Map((ctx.state.tags[arn] ?? []).map((t) => [t.Key, t.Value]));
  for (const t of (ctx.input.Tags as Tag[]) ?? []) merged.set(t.Key, t.Value);
  checkTagCount(ctx, merged.size, arn);
  ctx.state.tags[arn] = [...merged].map(([Key, Value]) => ({ Key, Value }));
  return {};
}

export function untagResource(ctx: CloudMapContext) {
  const arn = taggable(ctx);
  const keys = new Set((ctx.input.TagKeys as string[]) ?? []);
  ctx.state.tags[arn] = (ctx.state.tags[arn] ?? []).filter((t) => !keys.has(t.Key));
  return {};
}

export const listTagsForResource = (ctx: CloudMapContext) => ({
  Tags: (ctx.state.tags[taggable(ctx)] ?? []).map((t) => ({ ...t })),
});
