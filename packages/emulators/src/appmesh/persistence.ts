import { loadJsonState, saveJsonState } from '../aws-common/persistence.ts';
import type { AppMeshState } from './service-state.ts';

export const stateFileName = 'appmesh.json';

/** Loads the state a previous run left in `dir`; undefined when there is none yet. */
export function loadState(dir: string): AppMeshState | undefined {
  const parsed = loadJsonState<Partial<AppMeshState>>(dir, stateFileName, 'App Mesh emulator');
  if (!parsed) return undefined;
  return { resources: parsed.resources ?? {}, shares: parsed.shares ?? {}, tokens: parsed.tokens ?? {} };
}

export const saveState = (dir: string, state: AppMeshState): void => saveJsonState(dir, stateFileName, state);
