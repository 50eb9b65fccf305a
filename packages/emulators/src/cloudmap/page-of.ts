import { type Page, paginate } from '../aws-common/paginate.ts';
import { type CloudMapContext, str } from './cloud-map-context.ts';
import { invalidInput } from './cloud-map-errors.ts';

/**
 * One page of a Cloud Map list (MaxResults, default 100; NextToken), sorted by `key` so pages are
 * deterministic. A token issued for another list, or garbled, is InvalidInput, as the service answers.
 */
export function pageOf<T>(
  ctx: CloudMapContext,
  all: readonly T[],
  key: (item: T) => string,
  scope: string,
  defaultLimit = 100,
): Page<T> {
  const limit = ctx.input.MaxResults;
  return paginate(all, key, {
    ...(typeof limit === 'number' ? { limit } : {}),
    ...(str(ctx, 'NextToken') !== undefined ? { nextToken: str(ctx, 'NextToken') } : {}),
    scope: `${ctx.caller}|${scope}`,
    defaultLimit,
    invalidToken: invalidInput,
  });
}
