import type { ExitCode } from './exit-codes.ts';

/** What each command module receives: a way to report its exit code without calling process.exit. */
export interface CommandContext {
  setExit(code: ExitCode): void;
  /** `--output json` was asked for: usage errors are printed as JSON on stdout, not as text. */
  jsonErrors?: boolean;
}

/** Wraps an action so its resolved exit code reaches the context. */
export const exitWith =
  <A extends unknown[]>(ctx: CommandContext, action: (...args: A) => Promise<ExitCode> | ExitCode) =>
  async (...args: A) =>
    ctx.setExit(await action(...args));

/**
 * Wraps an action whose module is imported only when its command runs: building the program (and
 * `meshcd --help`) then loads no command's dependencies, and each command loads only its own.
 */
export const lazyAction = <A extends unknown[]>(
  ctx: CommandContext,
  load: () => Promise<(...args: A) => Promise<ExitCode> | ExitCode>,
) => exitWith(ctx, async (...args: A) => (await load())(...args));
