import { invalidField, notFound } from './errors.ts';
import { type Operation, type OperationContext, requireOwner, str, visible } from './operation-context.ts';
import type { StoredResource } from './service-state.ts';

/** Most tags one resource may carry (the model's TagMap limit). */
const maxTags = 200;

/** The resource an ARN names, of any kind (§1.12). */
function tagged(ctx: OperationContext): StoredResource {
  const arn = str(ctx, 'resourceArn') as string;
  const r = Object.values(ctx.state.resources).find((x) => x.arn === arn);
  if (!r || !visible(ctx, r)) throw notFound('SERVICE', arn, `No VPC Lattice resource has ARN ${arn}`);
  return r;
}

export const tagResource: Operation = (ctx) => {
  const r = tagged(ctx);
  requireOwner(ctx, r);
  const merged = { ...r.tags, ...(ctx.input.tags as Record<string, string>) };
  if (Object.keys(merged).length > maxTags)
    throw invalidField(
      'tags',
      `would leave ${Object.keys(merged).length} tags on ${r.arn}, more than ${maxTags}`,
    );
  r.tags = merged;
  return {};
};

export const untagResource: Operation = (ctx) => {
  const r = tagged(ctx);
  requireOwner(ctx, r);
  for (const key of ctx.input.tagKeys as string[]) delete r.tags[key];
  return {};
};

export const listTagsForResource: Operation = (ctx) => ({ tags: { ...tagged(ctx).tags } });
