import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { CommandLineError } from '../failure-report.ts';

/**
 * The servers `local up` starts that people and tools reach by URL, in the order `--port-base` numbers
 * them: `--port-base 4566` puts DynamoDB on 4566, git on 4567 … the webhook on 4574.
 */
export const localPortNames = [
  'dynamodb',
  'git',
  'appmesh',
  'cloudmap',
  'kube',
  'lattice',
  'commitStatusApi',
  'eventbridge',
  'webhook',
] as const;

export type LocalPortName = (typeof localPortNames)[number];
export type LocalPorts = Partial<Record<LocalPortName, number>>;

/** Where the ports of the last run are kept, so a restart serves the same URLs (git remotes, webhooks). */
const portsFile = (stateDir: string) => join(stateDir, 'ports.json');

export const portsFromBase = (base: number): LocalPorts =>
  Object.fromEntries(localPortNames.map((name, i) => [name, base + i]));

/** The ports of each server, read off the endpoints the system printed. */
export const portsOf = (endpoints: Record<string, string>): LocalPorts =>
  Object.fromEntries(
    localPortNames.flatMap((name) =>
      endpoints[name] ? [[name, Number(new URL(endpoints[name]).port)]] : [],
    ),
  );

export async function recordPorts(stateDir: string, ports: LocalPorts): Promise<void> {
  await writeFile(portsFile(stateDir), `${JSON.stringify(ports, null, 2)}\n`);
}

/** The ports the last run on this state directory used; none when it never ran (or the file is unreadable). */
export async function recordedPorts(stateDir: string): Promise<LocalPorts> {
  const text = await readFile(portsFile(stateDir), 'utf8').catch(() => undefined);
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      localPortNames.flatMap((name) =>
        Number.isInteger(parsed[name]) ? [[name, parsed[name] as number]] : [],
      ),
    );
  } catch {
    return {};
  }
}

/** True when nothing listens on the loopback port. */
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * The ports to start on. With `--port-base`, each port of the range or an error naming the taken one, before
 * anything starts. Otherwise the last run's ports; one now taken by another program is left to chance (a free
 * port), and `warn` says which URL changed.
 */
export async function choosePorts(
  stateDir: string,
  base: number | undefined,
  warn: (message: string) => void,
): Promise<LocalPorts> {
  if (base !== undefined) {
    const ports = portsFromBase(base);
    for (const name of localPortNames) {
      if (!(await isFree(ports[name]!)))
        throw new CommandLineError(
          'port-in-use',
          `--port-base ${base}: port ${ports[name]} (${name}) is in use; choose another base`,
        );
    }
    return ports;
  }
  const last = await recordedPorts(stateDir);
  const out: LocalPorts = {};
  for (const name of localPortNames) {
    const port = last[name];
    if (port === undefined) continue;
    if (await isFree(port)) out[name] = port;
    else warn(`port ${port} of ${name}, used last time, is taken; ${name} gets another port this time`);
  }
  return out;
}

/** `--port-base`: a port number with room for every server above it. */
export function parsePortBase(text: string): number {
  const base = Number(text);
  const top = 65535 - localPortNames.length + 1;
  if (!Number.isInteger(base) || base < 1024 || base > top)
    throw new InvalidArgumentError(`a whole number from 1024 to ${top} is needed.`);
  return base;
}
