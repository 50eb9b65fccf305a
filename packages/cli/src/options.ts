import { Option } from 'commander';

/** Options shared by several commands, defined once so their names and defaults never drift apart. */
export const outputOption = () =>
  new Option('--output <format>', 'output format').choices(['text', 'json']).default('text');
export const localOption = () => new Option('--local', 'target the local emulated world instead of AWS');
export const stateOption = () =>
  new Option('--state <dir>', 'state directory of the local world').default('.meshcd/local');

export type OutputFormat = 'text' | 'json';

export interface WorldOptions {
  local?: boolean;
  state: string;
}
