import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppMeshState } from './service-state.ts';

export const stateFileName = 'appmesh.json';

/** Loads the state a previous run left in `dir`; undefined when there is none yet. */
export function loadState(dir: string): AppMeshState | undefined {
  const file = join(dir, stateFileName);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppMeshState>;
    return { resources: parsed.resources ?? {}, shares: parsed.shares ?? {}, tokens: parsed.tokens ?? {} };
  } catch (cause) {
    throw new Error(`App Mesh emulator state ${file} is not valid JSON`, { cause });
  }
}

/** Writes the state atomically (temp file, then rename), so a crash never leaves half a file. */
export function saveState(dir: string, state: AppMeshState): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, stateFileName);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
