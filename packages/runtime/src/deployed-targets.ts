import type { Target } from '@meshcd/core';
import { isUnreadableTarget, type TargetRegistry } from '@meshcd/state';
import type { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { targetSchema } from './target-schema.ts';

export interface DeployedTargetsOptions {
  /** How long a warm container trusts what it read: a deploy changes the table, not the container. */
  reuseForMs?: number;
  now?: () => number;
  /** Told of each record the schema refuses; the other targets go on without it. */
  onInvalid?: (error: ConfigError) => void;
}

/** A record the schema refuses, as a ConfigError naming the target (or its position) and the field. */
function invalidRecord(record: unknown, index: number, error: z.ZodError): ConfigError {
  const issue = error.issues[0];
  const id = (record as { id?: unknown } | null)?.id;
  const field = issue?.path.join('.');
  return new ConfigError(
    'targets table records',
    `target ${typeof id === 'string' ? id : `record ${index}`}${field ? ` field ${field}` : ''}: ${issue?.message}`,
    error,
  );
}

/**
 * The deployment's targets. Deploy writes one target record per target into the table (validated at
 * synthesis with the same schema); the functions read them on first use and again after `reuseForMs`,
 * so the list never has to fit a function's 4 KB environment. What the table holds is validated again,
 * record by record: a bad record is a ConfigError naming the target and field, handed to `onInvalid`,
 * and the other targets are still chosen and served. Only when no record is valid does the read fail.
 */
export function deployedTargets(
  /** Targets given in the environment (MESHCD_TARGETS, local mode): used as they are, the table is not read. */
  fromEnvironment: Target[] | undefined,
  registry: Pick<TargetRegistry, 'listTargets'>,
  { reuseForMs = 60_000, now = Date.now, onInvalid = () => {} }: DeployedTargetsOptions = {},
): () => Promise<Target[]> {
  if (fromEnvironment) return () => Promise.resolve(fromEnvironment);
  let cached: { at: number; targets: Promise<Target[]> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.at < reuseForMs) return cached.targets;
    const targets = registry.listTargets().then((records) => {
      const valid: Target[] = [];
      const invalid: ConfigError[] = [];
      const seen = new Set<string>();
      records.forEach((record, index) => {
        if (isUnreadableTarget(record)) {
          invalid.push(
            new ConfigError('targets table records', `target ${record.targetId}: ${record.reason}`),
          );
          return;
        }
        const parsed = targetSchema.safeParse(record);
        if (!parsed.success) invalid.push(invalidRecord(record, index, parsed.error));
        // Records are keyed by target id, so two with one id cannot be in the table; kept as a guard.
        else if (!seen.has(parsed.data.id)) valid.push(parsed.data);
        if (parsed.success) seen.add(parsed.data.id);
      });
      for (const error of invalid) onInvalid(error);
      if (valid.length === 0 && invalid[0]) throw invalid[0];
      return valid;
    });
    cached = { at, targets };
    // A failed read is not kept: the next invocation reads again.
    targets.catch(() => {
      if (cached?.targets === targets) cached = undefined;
    });
    return targets;
  };
}
