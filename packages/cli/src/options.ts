import { Option } from 'commander';

/** Options shared by several commands, defined once so their names and defaults never drift apart. */
export const outputOption = (formats: readonly OutputFormat[] = ['text', 'json']) =>
  new Option('--output <format>', 'output format').choices(formats).default('text');
export const localOption = () => new Option('--local', 'target the local emulated world instead of AWS');
export const stateOption = () =>
  new Option('--state <dir>', 'state directory of the local world').default('.meshcd/local');

export const lockTimeoutOption = () =>
  new Option(
    '--lock-timeout <duration>',
    'wait this long (500ms, 30s, 2m) for another command using the local world',
  ).default('0s');

/** `markdown`: for a pull-request comment (plan). */
export type OutputFormat = 'text' | 'json' | 'markdown';

export interface WorldOptions {
  local?: boolean;
  state: string;
  lockTimeout?: string;
}
