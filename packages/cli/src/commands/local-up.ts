import type { TargetProvider } from '@meshcd/core';
import { type Command, Option } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import type { EventLogEntry, LogFormat, LogLevel } from '../local/event-log.ts';
import { parsePortBase } from '../local/local-ports.ts';
import { providerOption, stateOption } from '../options.ts';
import { untilStopped } from '../until-stopped.ts';

interface LocalUpOptions {
  state: string;
  provider?: TargetProvider;
  logFormat: LogFormat;
  logLevel: Lowercase<LogLevel>;
  portBase?: number;
}

export function registerLocalUp(local: Command, ctx: CommandContext): void {
  local
    .command('up')
    .description(
      'run the whole local stack until stopped; prints its endpoints as one JSON line, then a line per event handled',
    )
    .addOption(stateOption())
    .addOption(providerOption())
    .addOption(
      new Option('--log-format <format>', 'event lines for people or as JSON')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option('--log-level <level>', 'least severe event shown')
        .choices(['info', 'warn', 'error'])
        .default('info'),
    )
    .addOption(
      new Option(
        '--port-base <port>',
        'serve on consecutive ports from this one (dynamodb, git, appmesh, cloudmap, kube, lattice, commitStatusApi, eventbridge, webhook); without it, the ports of the last run on this state directory',
      ).argParser(parsePortBase),
    )
    .action(exitWith(ctx, (options: LocalUpOptions) => runLocalUp(options)));
}

const severity: Record<LogLevel, number> = { INFO: 0, WARN: 1, ERROR: 2 };

/**
 * `meshcd local up`: the local system until SIGINT/SIGTERM, its endpoints printed as one JSON line
 * first, then one line per event it handles (push accepted or ignored and why, reconcile outcome with
 * its reason, drift found).
 */
export async function runLocalUp(options: LocalUpOptions): Promise<ExitCode> {
  // The emulators, DynamoDB, git and the functions load only when the local system starts.
  const [{ startLocalSystem }, { formatEventLine }, { choosePorts, portsOf, recordPorts }] =
    await Promise.all([
      import('../local/start-local-system.ts'),
      import('../local/event-log.ts'),
      import('../local/local-ports.ts'),
    ]);
  // Listening for the signal before anything starts: one sent as soon as the endpoints line is read (or
  // while starting) must stop what was started, not kill the process with its servers' state half-written.
  const stopped = untilStopped();
  // Stable URLs across restarts: git remotes and webhook deliveries set up once keep working.
  const ports = await choosePorts(options.state, options.portBase, (message) =>
    process.stderr.write(`meshcd local up: ${message}\n`),
  );
  const least = severity[options.logLevel.toUpperCase() as LogLevel];
  let started = false;
  const pending: EventLogEntry[] = [];
  const print = (entry: EventLogEntry) =>
    process.stdout.write(formatEventLine(entry, options.logFormat, new Date()));
  const system = await startLocalSystem(options.state, {
    ...(options.provider ? { provider: options.provider } : {}),
    ports,
    onEvent: (entry) => {
      if (severity[entry.level] < least) return;
      // The endpoints line comes first, whatever happens while the system starts.
      if (started) print(entry);
      else pending.push(entry);
    },
  });
  await recordPorts(options.state, portsOf(system.endpoints));
  process.stdout.write(`${JSON.stringify(system.endpoints)}\n`);
  started = true;
  for (const entry of pending.splice(0)) print(entry);
  await stopped;
  await system.close();
  return ExitCode.ok;
}
