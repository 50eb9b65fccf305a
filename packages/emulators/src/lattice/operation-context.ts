import { accessDenied, notFound } from './errors.ts';
import type { LatticeServiceConfig } from './service-config.ts';
import { type Kind, kinds, type LatticeState, type StoredResource } from './service-state.ts';

/** What one operation works with: the state, the configuration, the caller's account, its input and the time. */
export interface OperationContext {
  readonly state: LatticeState;
  readonly config: LatticeServiceConfig;
  readonly caller: string;
  readonly input: Record<string, unknown>;
  readonly now: number;
}

export type Operation = (ctx: OperationContext) => Record<string, unknown>;

export const str = (ctx: OperationContext, member: string): string | undefined => {
  const v = ctx.input[member];
  return typeof v === 'string' ? v : undefined;
};

/** The id an identifier names: itself, or the last path segment of an ARN. */
export const idOf = (identifier: string): string =>
  identifier.startsWith('arn:') ? (identifier.split('/').pop() ?? identifier) : identifier;

/** The account an ARN names, if the identifier is one. */
const accountOfArn = (identifier: string): string | undefined =>
  identifier.startsWith('arn:') ? identifier.split(':')[4] : undefined;

/** The caller owns the resource, or its owner shared it with the caller. */
export const visible = (ctx: OperationContext, r: StoredResource): boolean =>
  r.account === ctx.caller || (ctx.state.shares[r.id] ?? []).includes(ctx.caller);

/**
 * The resource an identifier (id or ARN) names, visible to the caller. An ARN of another account that is not
 * shared with the caller is AccessDenied; anything else not found is ResourceNotFound.
 */
export function resolve(ctx: OperationContext, kind: Kind, identifier: string): StoredResource {
  const r = ctx.state.resources[idOf(identifier)];
  const arnAccount = accountOfArn(identifier);
  if (r && r.kind === kind && visible(ctx, r) && (arnAccount === undefined || r.arn === identifier)) return r;
  if (arnAccount !== undefined && arnAccount !== ctx.caller && (!r || r.kind !== kind || !visible(ctx, r)))
    throw accessDenied(`Account ${ctx.caller} is not authorized to access ${identifier}`);
  throw notFound(kinds[kind].resourceType, identifier);
}

/** Only the owner may change a resource; a shared one is read-only to others. */
export function requireOwner(ctx: OperationContext, r: StoredResource): void {
  if (r.account !== ctx.caller) throw accessDenied(`Account ${ctx.caller} does not own ${r.arn}`);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
