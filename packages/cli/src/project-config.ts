import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandLineError } from './failure-report.ts';

/** The project's defaults for the command line, committed beside the manifests. */
export const configFileName = 'meshcd.config.json';

export interface ProjectConfig {
  file: string;
  /** Option name (as on the command line, `--lock-timeout` or `lockTimeout`) → value. */
  values: Record<string, string | boolean>;
}

/** The nearest `meshcd.config.json` from `cwd` up to the file-system root, or undefined when there is none. */
export function findProjectConfig(cwd = process.cwd()): ProjectConfig | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, configFileName);
    if (existsSync(file)) return readProjectConfig(file);
    if (dirname(dir) === dir) return undefined;
  }
}

export function readProjectConfig(file: string): ProjectConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandLineError('bad-config', `${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CommandLineError('bad-config', `${file}: expected an object of option names and values`);
  }
  const values: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'boolean') {
      throw new CommandLineError('bad-config', `${file}: "${key}" must be a string or true/false`);
    }
    values[camel(key.replace(/^--/, ''))] = value;
  }
  return { file, values };
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Makes the config's values the defaults of every command that has such an option. Commander ranks the
 * sources: a flag beats an environment variable (`MESHCD_STATE`), which beats the config file, which beats
 * the built-in default. A key no command knows, or a value an option does not take, is an error naming the
 * file: a misspelt default silently ignored would send a command to the wrong world.
 */
export function applyProjectConfig(program: Command, config: ProjectConfig): void {
  const known = new Set<string>();
  const visit = (command: Command) => {
    for (const option of command.options) {
      const key = option.attributeName();
      if (key === 'version') continue;
      known.add(key);
      const value = config.values[key];
      if (value === undefined) continue;
      const takesValue = option.required || option.optional;
      if (takesValue !== (typeof value === 'string')) {
        throw new CommandLineError(
          'bad-config',
          `${config.file}: "${key}" must be ${takesValue ? 'a string' : 'true or false'}`,
        );
      }
      if (typeof value === 'string' && option.argChoices && !option.argChoices.includes(value)) {
        throw new CommandLineError(
          'bad-config',
          `${config.file}: "${key}" must be one of ${option.argChoices.join(', ')}, not "${value}"`,
        );
      }
      command.setOptionValueWithSource(key, value, 'config');
    }
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
  const unknown = Object.keys(config.values).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new CommandLineError(
      'bad-config',
      `${config.file}: unknown option(s) ${unknown.join(', ')}; known: ${[...known].sort().join(', ')}`,
    );
  }
}
