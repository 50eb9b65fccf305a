import type { PathSegment } from '../manifest-object.ts';
import type { RuleContext } from './rule-context.ts';

type Loose = Record<string, unknown> | undefined;

/** Listener TLS: the certificate and the validation trust are unions in the App Mesh API. */
export function checkListenerTls(ctx: RuleContext, tls: Loose, path: readonly PathSegment[]): void {
  if (!tls) return;
  ctx.oneOf(tls.certificate as Loose, [...path, 'certificate'], ['acm', 'file', 'sds']);
  const validation = tls.validation as Loose;
  if (validation)
    ctx.oneOf(validation.trust as Loose, [...path, 'validation', 'trust'], ['acm', 'file', 'sds']);
}

/** Client policy TLS: optional client certificate (file or sds) and a trust union. */
export function checkClientPolicy(ctx: RuleContext, policy: Loose, path: readonly PathSegment[]): void {
  const tls = policy?.tls as Loose;
  if (!tls) return;
  ctx.oneOf(tls.certificate as Loose, [...path, 'tls', 'certificate'], ['file', 'sds']);
  const validation = tls.validation as Loose;
  if (validation)
    ctx.oneOf(validation.trust as Loose, [...path, 'tls', 'validation', 'trust'], ['acm', 'file', 'sds']);
}

/** The connection pool must be the listener's own protocol (App Mesh rejects a mismatch). */
export function checkConnectionPool(
  ctx: RuleContext,
  pool: Loose,
  listenerProtocol: string,
  path: readonly PathSegment[],
): void {
  if (!pool) return;
  const set = Object.keys(pool).filter((k) => pool[k] !== undefined);
  if (set.length > 1) {
    ctx.fail(
      [...path, set[1]!],
      `a listener may set only one connection pool protocol; found ${set.join(' and ')}`,
    );
  } else if (set.length === 1 && set[0] !== listenerProtocol) {
    ctx.fail(
      [...path, set[0]!],
      `connection pool ${set[0]} does not match the listener protocol ${listenerProtocol}`,
    );
  }
}
