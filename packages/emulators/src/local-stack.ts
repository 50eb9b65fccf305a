import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type DynaliteHandle, startDynalite } from './dynamodb/start-dynalite.ts';
import { type GitServerHandle, startGitServer } from './git/start-git-server.ts';

/** Anything the local stack runs: an endpoint to print and a way to stop it. */
export interface LocalService {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts one service of the stack; `stateDir` is set when the world must persist between runs, `port` when
 * the service must listen on a given port (free one when absent).
 */
export type ServiceStarter = (context: { stateDir?: string; port?: number }) => Promise<LocalService>;

export interface LocalStackOptions {
  /** Persist every service's state below this directory; in memory when absent. */
  stateDir?: string;
  /**
   * Further services by name (the App Mesh and Kubernetes emulators, the webhook endpoint), started in
   * the order given after DynamoDB and git.
   */
  services?: Record<string, ServiceStarter>;
  /** Ports by service name (`dynamodb`, `git` and the further services'); a free one for any not given. */
  ports?: Record<string, number>;
}

export interface LocalStack {
  dynamodb: DynaliteHandle;
  git: GitServerHandle;
  services: Record<string, LocalService>;
  /** Every endpoint by service name, as `meshcd local up` prints them. */
  endpoints: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the local world on free loopback ports. Services stop in reverse order; if one fails to
 * start, the ones already running are stopped before the error propagates, so nothing leaks.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const { stateDir } = options;
  const ports = options.ports ?? {};
  const at = (name: string) => (ports[name] !== undefined ? { port: ports[name] } : {});
  const started: LocalService[] = [];
  const closeAll = async () => {
    for (const service of started.splice(0).reverse()) await service.close();
  };
  try {
    if (stateDir) await mkdir(stateDir, { recursive: true });
    const dynamodb = await startDynalite({
      ...(stateDir ? { path: join(stateDir, 'dynamodb') } : {}),
      ...at('dynamodb'),
    });
    started.push(dynamodb);
    const git = await startGitServer({ ...(stateDir ? { root: join(stateDir, 'git') } : {}), ...at('git') });
    started.push({ endpoint: git.url, close: git.close });
    const services: Record<string, LocalService> = {};
    for (const [name, start] of Object.entries(options.services ?? {})) {
      const service = await start({ ...(stateDir ? { stateDir } : {}), ...at(name) });
      started.push(service);
      services[name] = service;
    }
    const endpoints: Record<string, string> = { dynamodb: dynamodb.endpoint, git: git.url };
    for (const [name, service] of Object.entries(services)) endpoints[name] = service.endpoint;
    return { dynamodb, git, services, endpoints, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
