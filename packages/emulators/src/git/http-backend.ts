import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves one smart-HTTP request through `git http-backend` as a CGI program, so clients talk to the
 * real git server implementation rather than an imitation of it.
 */
export function serveWithHttpBackend(
  projectRoot: string,
  req: IncomingMessage,
  res: ServerResponse,
  remoteUser?: string,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      ...process.env,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      // http-backend enables receive-pack (push) only for an authenticated user.
      REMOTE_USER: remoteUser ?? 'anonymous',
    },
  });
  // A backend that exits before reading the whole request (a refused push) closes its stdin early.
  child.stdin.on('error', () => undefined);
  req.pipe(child.stdin);
  // A client that goes away mid-answer (one over its size budget) must not leave git packing for no one.
  res.on('close', () => {
    if (!res.writableFinished) child.kill();
  });

  // Backpressure: a client that reads slowly holds git back instead of the whole pack piling up here.
  const write = (chunk: Buffer) => {
    if (res.write(chunk)) return;
    child.stdout.pause();
    res.once('drain', () => child.stdout.resume());
  };

  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.statusCode = status;
    write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', (error) => {
    if (!res.headersSent) res.statusCode = 500;
    res.end(String(error));
  });
}
