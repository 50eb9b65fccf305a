import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One commit status as the emulator stored it, whichever provider's API it came through. */
export interface StoredCommitStatus {
  provider: 'github' | 'gitlab';
  /** `owner/repo` (GitHub) or the decoded project id or path (GitLab). */
  repository: string;
  sha: string;
  state: string;
  /** GitHub's `context`, GitLab's `name`. */
  context: string;
  description?: string;
  targetUrl?: string;
  createdAt: string;
}

export interface StoredComment {
  repository: string;
  issue: number;
  body: string;
  createdAt: string;
}

export interface GitHostApiOptions {
  /** The token every request must carry; any non-empty token when absent. */
  token?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

export interface GitHostApiHandle {
  /** Base URL: GitHub's REST API is at `<endpoint>/github`, GitLab's at `<endpoint>/gitlab/api/v4`. */
  endpoint: string;
  githubApiUrl: string;
  gitlabApiUrl: string;
  /** Every status posted, oldest first. */
  statuses: StoredCommitStatus[];
  comments: StoredComment[];
  close(): Promise<void>;
}

const githubStates = ['error', 'failure', 'pending', 'success'] as const;
const gitlabStates = ['pending', 'running', 'success', 'failed', 'canceled', 'skipped'] as const;

/**
 * The slice of GitHub's and GitLab's REST APIs that meshcd and its pull-request workflow use, with
 * their documented shapes: GitHub `POST /repos/{owner}/{repo}/statuses/{sha}` (state error | failure |
 * pending | success, description, context, target_url; 201 with the status; 422 on a bad state; 401
 * without a token), `GET /repos/{owner}/{repo}/commits/{ref}/statuses` (newest first), and issue
 * comments; GitLab `POST /projects/:id/statuses/:sha` (state pending | running | success | failed |
 * canceled, name, description, target_url; JSON or form body) and
 * `GET /projects/:id/repository/commits/:sha/statuses`.
 */
export async function startGitHostApi(options: GitHostApiOptions = {}): Promise<GitHostApiHandle> {
  const statuses: StoredCommitStatus[] = [];
  const comments: StoredComment[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        route(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        send(res, 500, { message: error instanceof Error ? error.message : String(error) });
      }
    });
  });

  /** GitHub: `Authorization: Bearer|token <t>`; GitLab: `PRIVATE-TOKEN: <t>` or `Authorization: Bearer <t>`. */
  const authorized = (req: IncomingMessage, gitlab: boolean) => {
    const privateToken = req.headers['private-token'];
    const token =
      gitlab && typeof privateToken === 'string'
        ? privateToken
        : (req.headers.authorization ?? '').match(
            gitlab ? /^Bearer\s+(\S+)$/i : /^(?:Bearer|token)\s+(\S+)$/i,
          )?.[1];
    return Boolean(token) && (!options.token || token === options.token);
  };

  type Route = (m: RegExpMatchArray, req: IncomingMessage, res: ServerResponse, raw: string) => void;
  const routes: Array<[RegExp, Route]> = [
    [
      /^\/github\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]{7,64})$/i,
      (m, req, res, raw) => {
        if (req.method !== 'POST') return send(res, 404, { message: 'Not Found' });
        if (!authorized(req, false)) return send(res, 401, { message: 'Bad credentials' });
        const body = json(raw);
        if (!body || !githubStates.includes(body.state as never)) {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Status', field: 'state', code: 'invalid' }],
          });
        }
        const status: StoredCommitStatus = {
          provider: 'github',
          repository: `${m[1]}/${m[2]}`,
          sha: m[3]!,
          state: String(body.state),
          context: typeof body.context === 'string' && body.context ? body.context : 'default',
          ...text('description', body.description),
          ...text('targetUrl', body.target_url),
          createdAt: new Date().toISOString(),
        };
        if ((status.description?.length ?? 0) > 140) {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Status', field: 'description', code: 'custom', message: 'is too long' }],
          });
        }
        statuses.push(status);
        send(res, 201, githubView(status, statuses.length));
      },
    ],
    [
      /^\/github\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/statuses$/,
      (m, _req, res) => {
        const repository = `${m[1]}/${m[2]}`;
        const list = numbered('github', repository, m[3]!).reverse();
        send(
          res,
          200,
          list.map(({ s, id }) => githubView(s, id)),
        );
      },
    ],
    [
      /^\/github\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      (m, req, res, raw) => {
        const repository = `${m[1]}/${m[2]}`;
        const issue = Number(m[3]);
        if (req.method === 'GET') {
          return send(
            res,
            200,
            comments.filter((c) => c.repository === repository && c.issue === issue),
          );
        }
        if (!authorized(req, false)) return send(res, 401, { message: 'Bad credentials' });
        const body = json(raw);
        if (!body || typeof body.body !== 'string' || body.body === '') {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'body', code: 'missing' }],
          });
        }
        const createdAt = new Date().toISOString();
        comments.push({ repository, issue, body: body.body, createdAt });
        send(res, 201, { id: comments.length, body: body.body, created_at: createdAt });
      },
    ],
    [
      /^\/gitlab\/api\/v4\/projects\/([^/]+)\/statuses\/([0-9a-f]{7,64})$/i,
      (m, req, res, raw) => {
        if (req.method !== 'POST') return send(res, 404, { message: '404 Not Found' });
        if (!authorized(req, true)) return send(res, 401, { message: '401 Unauthorized' });
        const url = new URL(req.url ?? '/', 'http://localhost');
        const body = { ...Object.fromEntries(url.searchParams), ...(formOrJson(req, raw) ?? {}) };
        if (!gitlabStates.includes(body.state as never)) {
          return send(res, 400, { message: 'state does not have a valid value' });
        }
        const status: StoredCommitStatus = {
          provider: 'gitlab',
          repository: decodeURIComponent(m[1]!),
          sha: m[2]!,
          state: String(body.state),
          context: typeof body.name === 'string' && body.name ? body.name : 'default',
          ...text('description', body.description),
          ...text('targetUrl', body.target_url),
          createdAt: new Date().toISOString(),
        };
        statuses.push(status);
        send(res, 201, gitlabView(status, statuses.length));
      },
    ],
    [
      /^\/gitlab\/api\/v4\/projects\/([^/]+)\/repository\/commits\/([^/]+)\/statuses$/,
      (m, _req, res) => {
        const list = numbered('gitlab', decodeURIComponent(m[1]!), m[2]!);
        send(
          res,
          200,
          list.map(({ s, id }) => gitlabView(s, id)),
        );
      },
    ],
  ];

  /** A provider's statuses of one commit with their ids (position in the log), oldest first. */
  const numbered = (provider: StoredCommitStatus['provider'], repository: string, sha: string) =>
    statuses
      .map((s, i) => ({ s, id: i + 1 }))
      .filter(({ s }) => s.provider === provider && s.repository === repository && s.sha === sha);

  function route(req: IncomingMessage, res: ServerResponse, raw: string) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const [pattern, handle] of routes) {
      const m = path.match(pattern);
      if (m) return handle(m, req, res, raw);
    }
    send(res, 404, { message: 'Not Found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    githubApiUrl: `${endpoint}/github`,
    gitlabApiUrl: `${endpoint}/gitlab/api/v4`,
    statuses,
    comments,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const text = <K extends string>(key: K, v: unknown) =>
  (typeof v === 'string' && v !== '' ? { [key]: v } : {}) as Partial<Record<K, string>>;

function json(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** GitLab takes its parameters as JSON, as a form or in the query string. */
function formOrJson(req: IncomingMessage, raw: string): Record<string, unknown> | undefined {
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw ? json(raw) : undefined;
}

const githubView = (s: StoredCommitStatus, id: number) => ({
  id,
  state: s.state,
  description: s.description ?? null,
  target_url: s.targetUrl ?? null,
  context: s.context,
  created_at: s.createdAt,
  updated_at: s.createdAt,
});

const gitlabView = (s: StoredCommitStatus, id: number) => ({
  id,
  sha: s.sha,
  status: s.state,
  name: s.context,
  description: s.description ?? null,
  target_url: s.targetUrl ?? null,
  created_at: s.createdAt,
});

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
