import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface DynaliteHandle {
  /** http://127.0.0.1:PORT, for a DynamoDB client's `endpoint`. */
  endpoint: string;
  port: number;
  /** The operation (X-Amz-Target, e.g. `PutItem`) of every request since start or `resetCalls()`. */
  readonly calls: readonly { operation: string }[];
  resetCalls(): void;
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
  const calls: { operation: string }[] = [];
  // Beside dynalite's own handler: a call log like the other emulators', so tests can assert on writes.
  server.on('request', (req: { headers: Record<string, string | string[] | undefined> }) => {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') calls.push({ operation: target.slice(target.indexOf('.') + 1) });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
