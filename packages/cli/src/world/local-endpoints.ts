import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `meshcd local up` leaves in the state directory so other commands talk to it instead of the files. */
export interface LocalEndpoints {
  pid: number;
  /** Service name → URL (appmesh, kube, dynamodb, git, …) and the kubeconfig path. */
  endpoints: Record<string, string>;
}

const file = (stateDir: string) => join(stateDir, 'endpoints.json');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The running stack's endpoints, or undefined when no live `local up` owns this state directory. */
export async function readLocalEndpoints(stateDir: string): Promise<LocalEndpoints | undefined> {
  const text = await readFile(file(stateDir), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const endpoints = JSON.parse(text) as LocalEndpoints;
  return alive(endpoints.pid) ? endpoints : undefined;
}

export const writeLocalEndpoints = (stateDir: string, endpoints: LocalEndpoints) =>
  writeFile(file(stateDir), `${JSON.stringify(endpoints)}\n`);

export const removeLocalEndpoints = (stateDir: string) => rm(file(stateDir), { force: true });
