import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocalHandle {
  /** http://127.0.0.1:PORT, for a DynamoDB client's `endpoint`. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Where DynamoDB Local's jar is: it ships inside the npm package amplify-dynamodb-simulator. Returns
 * undefined when the package is not installed.
 */
export function findDynamoDbLocalJar(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json');
    const jar = join(dirname(pkg), 'emulator', 'DynamoDBLocal.jar');
    return existsSync(jar) ? jar : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs AWS's own DynamoDB Local (in memory) on a free loopback port and waits until it answers. The
 * JVM takes a few seconds to start: start it once per test file.
 */
export async function startDynamoDbLocal(options: { timeoutMs?: number } = {}): Promise<DynamoDbLocalHandle> {
  const jar = findDynamoDbLocalJar();
  if (!jar)
    throw new Error('DynamoDBLocal.jar not found: install the npm package amplify-dynamodb-simulator');
  const port = await freePort();
  const dir = dirname(jar);
  // DynamoDB Local has no option to listen on loopback only; it lives on a random port for one test
  // file. Telemetry is off so tests make no outbound calls.
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      jar,
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with ${code}: ${stderr.trim()}`)));
  });
  exited.catch(() => {});
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilAnswering(endpoint, options.timeoutMs ?? 100_000), exited]);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { endpoint, port, close: () => stop(child) };
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    client.destroy();
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port free right now on loopback (the JVM binds it a moment later; collisions are vanishingly rare). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
