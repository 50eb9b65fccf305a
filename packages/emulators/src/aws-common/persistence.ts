import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Loads the JSON state a previous run left in `dir/fileName`; undefined when there is none yet. */
export function loadJsonState<T>(dir: string, fileName: string, label: string): T | undefined {
  const file = join(dir, fileName);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new Error(`${label} state ${file} is not valid JSON`, { cause });
  }
}

/** Writes the state atomically (temp file, then rename), so a crash never leaves half a file. */
export function saveJsonState(dir: string, fileName: string, state: unknown): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileName);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
