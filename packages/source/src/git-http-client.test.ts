import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GitHttpResponse } from 'isomorphic-git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedGitHttp } from './git-http-client.ts';

/**
 * Answers a GET at once (so the connection could be kept for the next request), and a POST with its
 * headers, a quiet spell longer than Node's 5 s keep-alive idle timeout, then a body: the shape of a
 * git server packing a large blob.
 */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method === 'GET') {
      res.end('refs');
      return;
    }
    for await (const _ of req);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.flushHeaders();
    await sleep(6_500);
    res.end(Buffer.alloc(64 * 1024, 7));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const drain = async (res: GitHttpResponse) => {
  let bytes = 0;
  for await (const chunk of res.body!) bytes += chunk.byteLength;
  return bytes;
};

const post = (body: string) => ({ url, method: 'POST', body: [Buffer.from(body)] }) as never;

describe('boundedGitHttp', () => {
  it('reads an answer that stays quiet after its headers longer than a kept-alive socket would wait', async () => {
    const { client } = boundedGitHttp(1024 * 1024);
    expect(await drain(await client.request({ url }))).toBe(4);
    expect(await drain(await client.request(post('want')))).toBe(64 * 1024);
  });

  it('aborts a fetch once the server has sent more than the budget, and says so', async () => {
    const transfer = boundedGitHttp(10 * 1024);
    const res = await transfer.client.request(post('want'));
    await expect(drain(res)).rejects.toThrow('exceeded 10240 bytes');
    expect(transfer.exceeded()).toBe(true);
    expect(transfer.received()).toBeGreaterThan(10 * 1024);
  });
});
