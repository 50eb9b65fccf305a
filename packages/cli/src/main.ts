import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
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
import { CommandLineError, failureReport } from './failure-report.ts';
import { applyProjectConfig, configFileName, findProjectConfig } from './project-config.ts';

export const cliVersion: string = packageJson.version;

/** The shells `meshcd completion <shell>` writes a script for. */
const completionShells = ['bash', 'zsh', 'fish'] as const;

/** Builds the `meshcd` program; each command reports its exit code through the context. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('meshcd')
    .description('GitOps reconciler for AWS App Mesh: validate, plan, apply and detect drift')
    .version(cliVersion, '-V, --version', 'print the version of meshcd')
    .showHelpAfterError(!ctx.jsonErrors)
    .exitOverride()
    .addHelpText(
      'after',
      [
        '',
        `Defaults: flags, then MESHCD_STATE for --state, then the nearest ${configFileName}`,
        '(e.g. {"local": true, "state": ".meshcd/dev"}), then the built-in ones.',
        `Shell completion: meshcd completion ${completionShells.join('|')} (e.g. source <(meshcd completion bash)).`,
      ].join('\n'),
    );
  if (ctx.jsonErrors) {
    // --output json: scripts get a JSON document for usage errors too, on stdout like every other answer.
    program.configureOutput({ outputError: () => undefined });
  }

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

/** True when the arguments ask for JSON output, read before parsing so usage errors can honour it. */
const wantsJson = (args: readonly string[]) =>
  args.some((a, i) => a === '--output=json' || (a === '--output' && args[i + 1] === 'json'));

/**
 * `meshcd completion <shell>` prints a script for the shell; the script asks `meshcd complete -- <words>`
 * for the candidates at each tab. The completion library loads only for these two commands.
 */
async function addCompletion(program: Command): Promise<void> {
  const { default: tab } = await import('@bomb.sh/tab/commander');
  tab(program, { completionCommandName: 'completion' });
}

/** Runs the CLI and returns its exit code rather than exiting, so tests can call it in-process. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const args = argv.slice(2);
  const json = wantsJson(args);
  try {
    const program = buildProgram({
      setExit: (c) => {
        code = c;
      },
      jsonErrors: json,
    });
    const config = findProjectConfig();
    if (config) applyProjectConfig(program, config);
    if (args[0] === 'completion' || args[0] === 'complete') await addCompletion(program);
    await program.parseAsync([...argv]);
  } catch (error) {
    // --help and --version are successful exits; everything else is a usage error.
    if (error instanceof CommanderError && error.exitCode === 0) return ExitCode.ok;
    if (json) {
      const failure = error instanceof CommanderError ? usageError(error) : error;
      process.stdout.write(`${JSON.stringify(failureReport(failure), null, 2)}\n`);
    } else if (!(error instanceof CommanderError)) {
      // Commander has said its own errors already, with the help hint.
      process.stderr.write(`meshcd: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return ExitCode.error;
  }
  return code;
}

/** Commander's error as the command line's own, its message without the `error: ` prefix. */
const usageError = (error: CommanderError) =>
  new CommandLineError('bad-arguments', error.message.replace(/^error: /, ''));
