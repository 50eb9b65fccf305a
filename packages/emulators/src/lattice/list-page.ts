import { paginate } from '../aws-common/paginate.ts';
import { validation } from './errors.ts';
import type { OperationContext } from './operation-context.ts';

/** One page of a List answer in creation order (§2.6, §7.10), with a nextToken bound to this very list. */
export function listPage<T>(
  ctx: OperationContext,
  items: readonly T[],
  order: (item: T) => number | string,
  scope: string,
  render: (item: T) => unknown,
): { items: unknown[]; nextToken?: string } {
  const key = (item: T) => {
    const k = order(item);
    return typeof k === 'number' ? k.toString().padStart(12, '0') : k;
  };
  const page = paginate(items, key, {
    limit: ctx.input.maxResults as number | undefined,
    nextToken: ctx.input.nextToken as string | undefined,
    scope: `${ctx.caller}:${scope}`,
    defaultLimit: ctx.config.behaviours.defaultPageSize,
    invalidToken: (message) => validation(message, [{ name: 'nextToken', message }]),
  });
  return { items: page.items.map(render), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}
