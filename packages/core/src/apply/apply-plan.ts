import pLimit from 'p-limit';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { isRecordedInstance, ownerTagKey } from '../plan/ownership.ts';
import type { Plan, PlannedChange } from '../plan/plan-types.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { StateStore } from '../state/state-store.ts';
import { type ApplyResult, type ChangeOutcome, isWrite } from './change-outcome.ts';
import { clientToken } from './client-token.ts';
import { blockedBy } from './failure-propagation.ts';

export interface ApplyOptions {
  targetId: string;
  revision: string;
  /** Distinguishes this run's writes from an earlier run's at the same revision (see clientToken). */
  runId: string;
  api: MeshApi;
  store: StateStore;
  /** Current time, for inventory timestamps. */
  now: () => Date;
  /** Time left before the platform stops us (a Lambda's remaining time); unlimited when absent. */
  remainingMs?: () => number;
  /** Do not start a wave with less time than this left. */
  reserveMs?: number;
  /** Writes in flight at once within a wave; the adapter's token bucket sets the rate. */
  concurrency?: number;
  onProgress?: (event: {
    change: PlannedChange;
    outcome: ChangeOutcome;
    done: number;
    total: number;
  }) => void;
}

const describeError = (error: unknown) => {
  const e = error as { name?: string; message?: string; retryable?: boolean; reason?: string };
  return {
    reason: e.reason ?? e.name ?? 'Error',
    message: e.message ?? String(error),
    retryable: e.retryable ?? false,
  };
};

/**
 * Applies a plan wave by wave, concurrently within a wave, recording each write in the inventory as soon
 * as App Mesh confirms it. A failed change fails only what depends on it. When the deadline nears it
 * stops at a wave boundary and says what it did not start.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { api, store, targetId, revision } = options;
  const limit = pLimit(options.concurrency ?? 16);
  const outcomes = new Map<string, ChangeOutcome>();
  const changes = plan.changes;
  const total = changes.filter(isWrite).length;
  let done = 0;
  let writes = 0;
  let complete = true;

  const record = async (change: PlannedChange, result: ObservedMeshResource) => {
    const spec = change.desired!.spec;
    await store.putInventory({
      targetId,
      key: change.key,
      kind: change.kind,
      arn: result.arn,
      ...(result.uid ? { uid: result.uid } : {}),
      ...(result.createdAt ? { createdAt: result.createdAt } : {}),
      version: result.version,
      specHash: specHash(spec),
      lastAppliedSpec: spec,
      sourceFile: change.desired!.source.location.file,
      sourceRevision: revision,
      updatedAt: options.now().toISOString(),
    });
  };

  const run = async (change: PlannedChange): Promise<ChangeOutcome> => {
    const base = { key: change.key, action: change.action };
    const blocker = blockedBy(change, changes, outcomes);
    if (blocker) return { ...base, status: 'skipped', error: blocker };
    const token = (operation: string) =>
      clientToken({
        targetId,
        runId: options.runId,
        operation,
        key: change.key,
        specHash: specHash(change.desired?.spec ?? null),
        revision,
      });
    const meshOwner = change.desired?.meshOwner ?? change.observed?.meshOwner;
    try {
      if (change.action === 'create') {
        writes++;
        const created = await api.create(change.desired!, {
          clientToken: token('create'),
          tags: { [ownerTagKey]: targetId },
          ...(meshOwner ? { meshOwner } : {}),
        });
        await record(change, created);
      } else if (change.action === 'update') {
        if (change.reason === 'adopt') {
          writes++;
          await api.tag(change.observed!.arn, { [ownerTagKey]: targetId });
        }
        writes++;
        const updated = await api.update(change.desired!, {
          clientToken: token('update'),
          ...(meshOwner ? { meshOwner } : {}),
        });
        await record(change, updated);
      } else if (change.action === 'delete') {
        writes++;
        await api.delete(change.observed!);
        await store.deleteInventory(targetId, change.key);
      } else if (change.action === 'unchanged') {
        // Heals an inventory that lost a write (crash between App Mesh and DynamoDB) with no App Mesh call.
        const o = change.observed!;
        const entry = await store.getInventory(targetId, change.key);
        if (!isRecordedInstance(o, entry) || entry.version !== o.version) await record(change, o);
      }
      return { ...base, status: 'done' };
    } catch (error) {
      return { ...base, status: 'failed', error: describeError(error) };
    }
  };

  const waves = [...new Set(changes.map((c) => c.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    const inWave = changes.filter((c) => c.wave === wave);
    if (options.remainingMs && options.remainingMs() < (options.reserveMs ?? 0)) {
      complete = false;
      for (const c of changes.filter((x) => x.wave >= wave))
        outcomes.set(c.key + c.action, { key: c.key, action: c.action, status: 'not-started' });
      break;
    }
    await Promise.all(
      inWave.map((change) =>
        limit(async () => {
          const outcome = await run(change);
          outcomes.set(change.key + change.action, outcome);
          if (isWrite(change)) done++;
          options.onProgress?.({ change, outcome, done, total });
        }),
      ),
    );
  }
  if (complete) for (const key of plan.forget) await store.deleteInventory(targetId, key);
  return { outcomes: [...outcomes.values()], complete, writes };
}
