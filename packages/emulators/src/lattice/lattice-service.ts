import { stableJson } from '../aws-common/stable-json.ts';
import { describeViolations } from '../aws-common/validate-shape.ts';
import { LatticeError, validation } from './errors.ts';
import { type OperationName, operations, shapes } from './model.generated.ts';
import type { OperationContext } from './operation-context.ts';
import { handlerFor } from './operation-table.ts';
import { fitToShape } from './render.ts';
import type { LatticeServiceConfig } from './service-config.ts';
import { type LatticeState, sweep } from './service-state.ts';
import { validateShape } from './validate-input.ts';

export type OperationOutput = Record<string, unknown>;

/** Operations that change state: they persist, and count against the write token bucket. */
export const isWriteOperation = (operation: OperationName): boolean => !/^(Get|List)/.test(operation);

/**
 * The VPC Lattice control plane as plain functions over an in-memory state: no HTTP, no clock of its own.
 * `execute` takes an operation's input as the model names its members and returns its output fitted to the
 * output shape, or throws a LatticeError.
 */
export class LatticeService {
  state: LatticeState;
  readonly config: LatticeServiceConfig;
  /**
   * For the state object they were taken on: when a sweep next has something to remove, and the oldest
   * remembered clientToken. Reads change neither, so a run of reads does not walk the whole state per call.
   */
  private due?: { state: LatticeState; sweepAt: number; oldestTokenAt: number };

  constructor(state: LatticeState, config: LatticeServiceConfig) {
    this.state = state;
    this.config = config;
  }

  execute(operation: OperationName, input: Record<string, unknown>, caller: string): OperationOutput {
    const def = operations[operation];
    const violations = validateShape(def.input, input, '');
    if (violations.length > 0)
      throw validation(
        `Validation failed: ${describeViolations(violations)}`,
        violations.map((v) => ({ name: v.path || 'request', message: v.message })),
      );
    const now = this.config.nowMs();
    const due = this.dueAt(now);
    const ctx: OperationContext = { state: this.state, config: this.config, caller, input, now };
    const handle = () => fitToShape(def.output as string, handlerFor(operation)(ctx)) as OperationOutput;
    // A write may start a deletion or a drain: the next call sweeps.
    const run = isWriteOperation(operation)
      ? () => {
          try {
            return handle();
          } finally {
            due.sweepAt = now;
          }
        }
      : handle;

    const members = shapes[def.input]?.members ?? {};
    const tokenMember = Object.entries(members).find(([, m]) => m.idempotencyToken)?.[0];
    const token = tokenMember ? input[tokenMember] : undefined;
    if (typeof token !== 'string') return run();

    // Keyed by caller, operation, path and token (§2.5): a replay returns the original answer.
    this.forgetExpiredTokens(now, due);
    const path = Object.entries(members)
      .filter(([, m]) => m.location === 'uri')
      .map(([n]) => input[n] ?? '');
    const key = stableJson([caller, operation, path, token]);
    const fingerprint = stableJson({ ...input, [tokenMember as string]: undefined });
    const seen = this.state.tokens[key];
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        const type = this.config.behaviours.clientTokenMismatchError;
        const message = `The clientToken ${token} was already used for a ${operation} request with different parameters`;
        throw type === 'ValidationException'
          ? validation(message, [{ name: 'clientToken', message: 'was used with different parameters' }])
          : new LatticeError(type, message, { fields: { resourceId: token, resourceType: 'CLIENT_TOKEN' } });
      }
      return structuredClone(seen.result) as OperationOutput;
    }
    const result = run();
    this.state.tokens[key] = { fingerprint, result: structuredClone(result), at: now };
    due.oldestTokenAt = Math.min(due.oldestTokenAt, now);
    return result;
  }

  /** Sweeps the state when something is due, and answers what is due next. */
  private dueAt(now: number) {
    if (this.due?.state !== this.state)
      this.due = {
        state: this.state,
        sweepAt: now,
        oldestTokenAt: Object.values(this.state.tokens).reduce((min, t) => Math.min(min, t.at), Infinity),
      };
    if (now >= this.due.sweepAt) this.due.sweepAt = sweep(this.state, now);
    return this.due;
  }

  private forgetExpiredTokens(now: number, due: { oldestTokenAt: number }): void {
    const ttl = this.config.behaviours.clientTokenTtlSeconds * 1000;
    if (now - due.oldestTokenAt < ttl) return;
    let oldest = Number.POSITIVE_INFINITY;
    for (const [key, record] of Object.entries(this.state.tokens)) {
      if (now - record.at >= ttl) delete this.state.tokens[key];
      else oldest = Math.min(oldest, record.at);
    }
    due.oldestTokenAt = oldest;
  }

  /** Shares a service network or service with another account, as AWS RAM would (RAM itself is out of scope). */
  share(resourceId: string, consumerAccount: string): void {
    const r = this.state.resources[resourceId];
    if (!r || (r.kind !== 'service' && r.kind !== 'serviceNetwork'))
      throw new Error(`${resourceId} is not a service or service network of this emulator`);
    const consumers = this.state.shares[resourceId] ?? [];
    if (!consumers.includes(consumerAccount)) this.state.shares[resourceId] = [...consumers, consumerAccount];
  }
}
