import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from './exit-codes.ts';
import { notImplemented } from './not-implemented.ts';

const outputOption = () =>
  new Option('--output <format>', 'output format').choices(['text', 'json']).default('text');
const localOption = () => new Option('--local', 'target the local emulated world instead of AWS');
const stateOption = () =>
  new Option('--state <dir>', 'state directory of the local world').default('.meshcd/local');

/** Builds the `meshcd` program; each action resolves to the process exit code. */
export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('meshcd')
    .description('GitOps reconciler for AWS App Mesh: validate, plan, apply and detect drift')
    .showHelpAfterError()
    .exitOverride();

  const run = (action: () => Promise<ExitCode> | ExitCode) => async () => setExit(await action());

  program
    .command('validate')
    .description('validate a manifest tree; exit 0 valid, 1 invalid')
    .argument('<dir>', 'manifest directory')
    .addOption(outputOption())
    .action(run(() => notImplemented('validate')));

  program
    .command('plan')
    .description('show what apply would change; exit 0 no changes, 2 changes, 1 error')
    .argument('<dir>', 'manifest directory')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(outputOption())
    .action(run(() => notImplemented('plan')));

  program
    .command('apply')
    .description('make App Mesh and the cluster match the manifests; exit 0 done, 1 error')
    .argument('<dir>', 'manifest directory')
    .addOption(localOption())
    .addOption(stateOption())
    .option('--allow-prune', 'allow deleting more than the prune guard permits')
    .addOption(outputOption())
    .action(run(() => notImplemented('apply')));

  program
    .command('drift')
    .description('compare the live world with Git; exit 0 in sync, 2 drift, 1 error')
    .argument('[dir]', 'manifest directory (defaults to the last applied revision)')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(outputOption())
    .action(run(() => notImplemented('drift')));

  program
    .command('report')
    .description('write a drift and quota report')
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(
      new Option('--format <format>', 'report format').choices(['html', 'md', 'json']).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write the report')
    .action(run(() => notImplemented('report')));

  const local = program.command('local').description('run the local emulated world');
  local
    .command('up')
    .description('run the whole local stack until stopped; prints its endpoints as one JSON line')
    .addOption(stateOption())
    .action(run(() => notImplemented('local up')));
  local
    .command('appmesh')
    .description('run the App Mesh API emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(run(() => notImplemented('local appmesh')));
  local
    .command('kube')
    .description('run the Kubernetes API emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(run(() => notImplemented('local kube')));

  return program;
}

/** Runs the CLI and returns its exit code rather than exiting, so tests can call it in-process. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
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
