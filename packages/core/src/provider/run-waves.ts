import pLimit from 'p-limit';
import { type ApplyResult, type Change, type ChangeOutcome, isWrite, outcomeError } from './change.ts';
import type { Writer } from './writer.ts';

export interface WaveRunOptions<C extends Change> {
  /**
   * The changes this one needs to have worked (what it references; for a delete, its children's
   * deletes). When one of them failed, or was skipped for the same reason, this one is skipped.
   */
  needs?: (change: C, changes: readonly C[]) => readonly C[];
  /** Changes in flight at once within a wave; the adapter's token bucket sets the rate. */
  concurrency?: number;
  /** Time left before the platform stops us (a Lambda's remaining time); unlimited when absent. */
  remainingMs?: () => number;
  /** Do not start a wave with less time than this left. */
  reserveMs?: number;
  /** Called as each change ends; `done` and `total` count writes (create, update, delete). */
  onOutcome?: (event: { change: C; outcome: ChangeOutcome; done: number; total: number }) => void;
}

const failed = (o: ChangeOutcome | undefined) =>
  o !== undefined &&
  (o.status === 'failed' || (o.status === 'skipped' && o.error?.reason === 'dependency-failed'));

/**
 * The one wave runner of every provider: waves in ascending order, the changes of a wave concurrently, a
 * failed change failing only what needs it, and a deadline checked at each wave boundary (what was not
 * started is reported `not-started`, never half done). The writer does the provider's part.
 */
export async function runWaves<C extends Change>(
  changes: readonly C[],
  writer: Writer<C>,
  options: WaveRunOptions<C> = {},
): Promise<ApplyResult> {
  const limit = pLimit(options.concurrency ?? 16);
  // By the change itself: two changes may share key and action (a workload and its injection).
  const outcomes = new Map<C, ChangeOutcome>();
  const total = changes.filter(isWrite).length;
  let done = 0;
  let complete = true;

  const run = async (change: C): Promise<ChangeOutcome> => {
    const base = { key: change.key, action: change.action };
    const culprit = options.needs?.(change, changes).find((c) => failed(outcomes.get(c)));
    if (culprit) {
      const message = `${culprit.action} of ${culprit.key} did not succeed`;
      return { ...base, status: 'skipped', error: { reason: 'dependency-failed', message, retryable: true } };
    }
    try {
      await writer.write(change);
      return { ...base, status: 'done' };
    } catch (error) {
      return { ...base, status: 'failed', error: outcomeError(error) };
    }
  };

  const waves = [...new Set(changes.map((c) => c.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    if (options.remainingMs && options.remainingMs() < (options.reserveMs ?? 0)) {
      complete = false;
      for (const c of changes.filter((x) => x.wave >= wave))
        outcomes.set(c, { key: c.key, action: c.action, status: 'not-started' });
      break;
    }
    await Promise.all(
      changes
        .filter((c) => c.wave === wave)
        .map((change) =>
          limit(async () => {
            const outcome = await run(change);
            outcomes.set(change, outcome);
            if (isWrite(change)) done++;
            options.onOutcome?.({ change, outcome, done, total });
          }),
        ),
    );
  }
  return { outcomes: [...outcomes.values()], complete, writes: writer.writes };
}
