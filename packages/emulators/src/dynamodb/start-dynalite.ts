import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface DynaliteHandle {
  /** http://127.0.0.1:PORT, for a DynamoDB client's `endpoint`. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export interface DynaliteOptions {
  port?: number;
  host?: string;
  /** Directory to persist tables in (LevelDB); in memory when absent. */
  path?: string;
}

/** Starts dynalite in-process: DynamoDB's wire protocol with no JVM, tables created instantly. */
export async function startDynalite(options: DynaliteOptions = {}): Promise<DynaliteHandle> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
