import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';

/** A git HTTP client that stops once a fetch has received more than its byte budget. */
export interface BoundedGitHttp {
  client: HttpClient;
  /** Bytes received so far over all requests; more than the budget when the fetch was cut short. */
  received(): number;
  exceeded(): boolean;
}

/**
 * isomorphic-git's Node client, on agents of its own and with a byte budget.
 *
 * Node's global agent keeps sockets alive with a 5 s idle timeout, and a socket reused for the pack
 * request keeps it (nodejs/node#53458): a server that works quietly for a few seconds before sending a
 * large pack (pack-objects deflating a big blob) had its answer cut off as `aborted` (ECONNRESET), so a
 * repository over the size limit read as a network fault instead of reporting the limit. One fresh
 * connection per request carries no idle timeout.
 *
 * The budget bounds memory, since isomorphic-git holds the whole pack: once the responses pass it the
 * request is aborted, so the server sees the client go rather than a reader that stopped reading.
 */
export function boundedGitHttp(maxBytes: number): BoundedGitHttp {
  const agents = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };
  let received = 0;
  const request = async (req: GitHttpRequest): Promise<GitHttpResponse> => {
    const abort = new AbortController();
    const agent = new URL(req.url).protocol === 'https:' ? agents.https : agents.http;
    const res = await http.request({ ...req, agent, signal: abort.signal });
    if (!res.body) return res;
    return { ...res, body: counted(res.body, abort) };
  };
  async function* counted(body: AsyncIterableIterator<Uint8Array>, abort: AbortController) {
    for await (const chunk of body) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        abort.abort();
        throw new Error(`git fetch exceeded ${maxBytes} bytes`);
      }
      yield chunk;
    }
  }
  return { client: { request }, received: () => received, exceeded: () => received > maxBytes };
}
