import type { Target } from '@meshcd/core';
import type { TargetRegistry } from '@meshcd/state';
import { ConfigError } from './config-error.ts';
import { targetsSchema } from './target-schema.ts';

export interface DeployedTargetsOptions {
  /** How long a warm container trusts what it read: a deploy changes the table, not the container. */
  reuseForMs?: number;
  now?: () => number;
}

/**
 * The deployment's targets. Deploy writes one target record per target into the table (validated at
 * synthesis with the same schema); the functions read them on first use and again after `reuseForMs`,
 * so the list never has to fit a function's 4 KB environment. What the table holds is validated again:
 * a bad record is a ConfigError naming the target and field, reported rather than retried.
 */
export function deployedTargets(
  /** Targets given in the environment (MESHCD_TARGETS, local mode): used as they are, the table is not read. */
  fromEnvironment: Target[] | undefined,
  registry: Pick<TargetRegistry, 'listTargets'>,
  { reuseForMs = 60_000, now = Date.now }: DeployedTargetsOptions = {},
): () => Promise<Target[]> {
  if (fromEnvironment) return () => Promise.resolve(fromEnvironment);
  let cached: { at: number; targets: Promise<Target[]> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.at < reuseForMs) return cached.targets;
    const targets = registry.listTargets().then((records) => {
      const parsed = targetsSchema.safeParse(records);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const index = issue?.path[0];
        const id = typeof index === 'number' ? records[index]?.id : undefined;
        const field = issue?.path.slice(1).join('.');
        throw new ConfigError(
          'targets table records',
          `target ${id ?? String(index)}${field ? ` field ${field}` : ''}: ${issue?.message}`,
          parsed.error,
        );
      }
      return parsed.data;
    });
    cached = { at, targets };
    // A failed read is not kept: the next invocation reads again.
    targets.catch(() => {
      if (cached?.targets === targets) cached = undefined;
    });
    return targets;
  };
}
