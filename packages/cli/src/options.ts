import type { TargetProvider } from '@meshcd/core';
import { type Command, Option } from 'commander';

const targetProviders: readonly TargetProvider[] = ['appmesh', 'lattice'];

/** Options shared by several commands, defined once so their names and defaults never drift apart. */
export const outputOption = (formats: readonly OutputFormat[] = ['text', 'json']) =>
  new Option('--output <format>', 'output format').choices(formats).default('text');
export const localOption = () => new Option('--local', 'target the local emulated world instead of AWS');
/** Default: `MESHCD_STATE`, then `state` in meshcd.config.json, then `.meshcd/local`. */
export const stateOption = () =>
  new Option('--state <dir>', 'state directory of the local world')
    .env('MESHCD_STATE')
    .default('.meshcd/local');

export const lockTimeoutOption = () =>
  new Option(
    '--lock-timeout <duration>',
    'wait this long (500ms, 30s, 2m) for another command using the local world',
  ).default('0s');

/** Which service the manifests go to; absent: the one the target was configured with, else App Mesh. */
export const providerOption = () =>
  new Option('--provider <provider>', 'App Mesh or VPC Lattice (default: the target’s provider)').choices(
    targetProviders,
  );

/** A deployed target, with the user's AWS credentials: read, and written only by an allowed apply. */
export const targetOption = () =>
  new Option(
    '--target <id>',
    'a deployed target, read with your AWS credentials (written only by apply, where the deployment allows it)',
  );
export const tableOption = () =>
  new Option('--table <name>', "the deployment's state table (default: `table` in .sst/outputs.json)");
export const regionOption = () =>
  new Option('--region <region>', "the deployment's region (default: AWS_REGION)");

/**
 * Where a command works: --local with --state (and --lock-timeout), or a deployed --target with --table
 * and --region.
 */
export const addWorldOptions = (command: Command): Command =>
  command
    .addOption(localOption())
    .addOption(stateOption())
    .addOption(providerOption())
    .addOption(lockTimeoutOption())
    .addOption(targetOption())
    .addOption(tableOption())
    .addOption(regionOption());

/** `markdown`: for a pull-request comment (plan). */
export type OutputFormat = 'text' | 'json' | 'markdown';

export interface WorldOptions {
  local?: boolean;
  state: string;
  provider?: TargetProvider;
  lockTimeout?: string;
  /** Without --local: the deployed target to read. */
  target?: string;
  table?: string;
  region?: string;
}
