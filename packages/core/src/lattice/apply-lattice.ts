import pLimit from 'p-limit';
import type { ApplyResult, ChangeOutcome } from '../apply/change-outcome.ts';
import { clientToken } from '../apply/client-token.ts';
import { errorSummary } from '../errors/error-summary.ts';
import { specHash } from '../plan/spec-hash.ts';
import type { LatticeApi, ObservedLatticeResource } from '../ports/lattice-api.ts';
import type { StateStore } from '../state/state-store.ts';
import { latticeKinds, ruleUpdateWave } from './lattice-kinds.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import type { DesiredLatticeResource, DesiredTargetGroup, LatticeTarget } from './lattice-resource.ts';
import { createWrite, updateInput } from './lattice-write-input.ts';

export interface LatticeApplyOptions {
  targetId: string;
  revision: string;
  runId: string;
  api: LatticeApi;
  store: Pick<StateStore, 'putInventory' | 'deleteInventory' | 'getInventory'>;
  now: () => Date;
  /** The targets a new target group starts with, registered before any listener or rule forwards to it. */
  targetsFor?: (group: DesiredTargetGroup) => Promise<LatticeTarget[]>;
  remainingMs?: () => number;
  reserveMs?: number;
  concurrency?: number;
  onProgress?: (event: {
    change: LatticePlannedChange;
    outcome: ChangeOutcome;
    done: number;
    total: number;
  }) => void;
}

const isWrite = (c: LatticePlannedChange) =>
  c.action === 'create' || c.action === 'update' || c.action === 'delete';

/**
 * Applies a Lattice plan wave by wave, concurrently within a wave, recording each write as Lattice confirms
 * it. Asynchronous kinds are awaited by the adapter (ACTIVE before anything uses them, gone before their
 * parent goes). A target group is emptied (deregistered) before it is deleted; rule priorities of a listener
 * move in one batch before its rule updates and creates. A failed change skips what depends on it.
 */
export async function applyLatticePlan(
  plan: LatticePlan,
  options: LatticeApplyOptions,
): Promise<ApplyResult> {
  const { api, store, targetId, revision } = options;
  const limit = pLimit(options.concurrency ?? 16);
  const outcomes = new Map<string, ChangeOutcome>();
  const total = plan.changes.filter(isWrite).length;
  const ids = new Map<string, ObservedLatticeResource>();
  for (const c of plan.changes)
    if (c.observed && c.reason !== 'replaced') ids.set(c.observed.key, c.observed);
  const idOf = (key: string) => {
    const id = ids.get(key)?.id;
    if (!id) throw new Error(`${key} has no Lattice id yet: what it references was not created`);
    return id;
  };
  const failedKeys = new Set<string>();
  let done = 0;
  let writes = 0;
  let complete = true;

  const record = async (d: DesiredLatticeResource, result: ObservedLatticeResource) => {
    ids.set(d.key, result);
    await store.putInventory({
      targetId,
      key: d.key,
      kind: d.kind,
      arn: result.arn,
      uid: result.id,
      ...(result.createdAt ? { createdAt: result.createdAt } : {}),
      version: result.lastUpdatedAt ?? '',
      specHash: specHash(d.spec),
      lastAppliedSpec: d.spec,
      sourceFile: d.source.location.file,
      sourceRevision: revision,
      updatedAt: options.now().toISOString(),
    });
  };

  const token = (c: LatticePlannedChange, operation: string) =>
    clientToken({
      targetId,
      runId: options.runId,
      operation,
      key: c.key,
      specHash: specHash(c.desired?.spec ?? null),
      revision,
    });

  const run = async (c: LatticePlannedChange): Promise<void> => {
    const d = c.desired;
    if (c.action === 'create' && d) {
      writes++;
      const tags = latticeKinds[d.kind].taggable
        ? { ...(d.tags ?? {}), 'meshcd:target': targetId }
        : undefined;
      const created = await api.create(createWrite(d, idOf, c.createAs), {
        clientToken: token(c, 'create'),
        ...(tags ? { tags } : {}),
      });
      await record(d, created);
      if (d.kind === 'TargetGroup' && options.targetsFor) {
        const targets = await options.targetsFor(d);
        if (targets.length > 0) {
          writes++;
          await api.registerTargets(created.id, targets);
        }
      }
    } else if (c.action === 'update' && d && c.observed) {
      if (c.reason === 'adopt' && latticeKinds[d.kind].taggable) {
        writes++;
        await api.tag(c.observed.arn, { ...(d.tags ?? {}), 'meshcd:target': targetId });
      }
      const input = updateInput(d, idOf);
      const onlyPriority = d.kind === 'Rule' && c.diff.every((f) => f.path === 'priority');
      if (Object.keys(input).length > 0 && !onlyPriority) {
        writes++;
        await record(d, await api.update(c.observed, input));
      } else await record(d, (await api.get(c.observed)) ?? c.observed);
    } else if (c.action === 'delete' && c.observed) {
      if (c.kind === 'TargetGroup') {
        const registered = (await api.listTargets(c.observed.id)).filter((t) => t.status !== 'DRAINING');
        if (registered.length > 0) {
          writes++;
          await api.deregisterTargets(
            c.observed.id,
            registered.map(({ id, port }) => ({ id, port })),
          );
        }
      }
      writes++;
      await api.delete(c.observed);
      await store.deleteInventory(targetId, c.key);
    } else if (c.action === 'unchanged' && d && c.observed) {
      // Heals an inventory that lost a write (a crash between Lattice and the store) without a Lattice call.
      const entry = await store.getInventory(targetId, c.key);
      if (!entry || entry.arn !== c.observed.arn || entry.version !== (c.observed.lastUpdatedAt ?? ''))
        await record(d, c.observed);
    }
  };

  /** Moves every rule of a listener whose priority changes in one batch: two rules may swap. */
  const movePriorities = async (changes: LatticePlannedChange[]) => {
    const byListener = new Map<string, LatticePlannedChange[]>();
    for (const c of changes) {
      if (c.kind !== 'Rule' || c.action !== 'update' || !c.diff.some((f) => f.path === 'priority')) continue;
      const listener = c.observed!.parent!.listenerId!;
      byListener.set(listener, [...(byListener.get(listener) ?? []), c]);
    }
    for (const group of byListener.values()) {
      const parent = group[0]!.observed!.parent!;
      try {
        writes++;
        await api.setRulePriorities(
          { serviceId: parent.serviceId!, listenerId: parent.listenerId! },
          group.map((c) => ({
            ruleId: c.observed!.id,
            priority: (c.desired!.spec as { priority: number }).priority,
          })),
        );
      } catch (error) {
        for (const c of group) {
          outcomes.set(c.key + c.action, {
            key: c.key,
            action: c.action,
            status: 'failed',
            error: errorSummary(error),
          });
          failedKeys.add(c.key);
        }
      }
    }
  };

  const waves = [...new Set(plan.changes.map((c) => c.wave))].sort((a, b) => a - b);
  for (const wave of waves) {
    const inWave = plan.changes.filter((c) => c.wave === wave);
    if (options.remainingMs && options.remainingMs() < (options.reserveMs ?? 0)) {
      complete = false;
      for (const c of plan.changes.filter((x) => x.wave >= wave))
        outcomes.set(c.key + c.action, { key: c.key, action: c.action, status: 'not-started' });
      break;
    }
    if (wave === ruleUpdateWave) await movePriorities(inWave);
    await Promise.all(
      inWave.map((c) =>
        limit(async () => {
          let outcome: ChangeOutcome;
          const blocker = c.desired?.dependsOn.find((k) => failedKeys.has(k));
          if (outcomes.has(c.key + c.action)) outcome = outcomes.get(c.key + c.action)!;
          else if (blocker) {
            failedKeys.add(c.key);
            outcome = {
              key: c.key,
              action: c.action,
              status: 'skipped',
              error: { reason: 'dependency-failed', message: `${blocker} did not succeed`, retryable: true },
            };
          } else {
            try {
              await run(c);
              outcome = { key: c.key, action: c.action, status: 'done' };
            } catch (error) {
              failedKeys.add(c.key);
              outcome = { key: c.key, action: c.action, status: 'failed', error: errorSummary(error) };
            }
          }
          outcomes.set(c.key + c.action, outcome);
          if (isWrite(c)) done++;
          options.onProgress?.({ change: c, outcome, done, total });
        }),
      ),
    );
  }
  if (complete) for (const key of plan.forget) await store.deleteInventory(targetId, key);
  return { outcomes: [...outcomes.values()], complete, writes };
}
