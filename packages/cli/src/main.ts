import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command-context.ts';
import { registerApply } from './commands/apply.ts';
import { registerDrift } from './commands/drift.ts';
import { registerLocalEmulators } from './commands/local-emulator.ts';
import { registerLocalKube } from './commands/local-kube.ts';
import { registerLocalUp } from './commands/local-up.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPlan } from './commands/plan.ts';
import { registerReport } from './commands/report.ts';
import { registerStatus } from './commands/status.ts';
import { registerValidate } from './commands/validate.ts';
import { ExitCode } from './exit-codes.ts';

/** Builds the `meshcd` program; each command reports its exit code through the context. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('meshcd')
    .description('GitOps reconciler for AWS App Mesh: validate, plan, apply and detect drift')
    .showHelpAfterError()
    .exitOverride();

  registerValidate(program, ctx);
  registerPlan(program, ctx);
  registerApply(program, ctx);
  registerDrift(program, ctx);
  registerReport(program, ctx);
  registerStatus(program, ctx);
  registerMigrate(program, ctx);

  const local = program.command('local').description('run the local emulated world').exitOverride();
  registerLocalUp(local, ctx);
  registerLocalEmulators(local, ctx);
  registerLocalKube(local, ctx);

  return program;
}

/** Runs the CLI and returns its exit code rather than exiting, so tests can call it in-process. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = buildProgram({
    setExit: (c) => {
      code = c;
    },
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are successful exits; everything else is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    process.stderr.write(`meshcd: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.error;
  }
  return code;
}
