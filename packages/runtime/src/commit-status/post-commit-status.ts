import { MeshcdError, type Target } from '@meshcd/core';

type CommitStatusConfig = NonNullable<Target['commitStatus']>;

/** meshcd's view of a commit status: the provider's state names differ, these three map onto both. */
export type CommitState = 'pending' | 'success' | 'failure';

export interface CommitStatusUpdate {
  state: CommitState;
  description: string;
  targetUrl?: string;
}

/** GitHub refuses a description over 140 characters; GitLab accepts more, but a status is a one-liner. */
export const maxDescriptionLength = 140;

const defaultApiUrl = { github: 'https://api.github.com', gitlab: 'https://gitlab.com/api/v4' } as const;
const gitlabState: Record<CommitState, string> = {
  pending: 'pending',
  success: 'success',
  failure: 'failed',
};

export const statusContext = (config: CommitStatusConfig, targetId: string) =>
  config.context ?? `meshcd/${targetId}`;

/**
 * Posts one commit status through the provider's documented REST API: GitHub
 * `POST /repos/{owner}/{repo}/statuses/{sha}`, GitLab `POST /projects/:id/statuses/:sha`. Plain fetch:
 * two endpoints do not earn a client library. 5xx, 429 and network faults are retryable; anything else
 * (bad token, unknown repository) is terminal.
 */
export async function postCommitStatus(
  config: CommitStatusConfig,
  request: { token: string; sha: string; context: string; update: CommitStatusUpdate },
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const base = (config.apiUrl ?? defaultApiUrl[config.provider]).replace(/\/+$/, '');
  const description = truncate(request.update.description);
  const { url, headers, body } =
    config.provider === 'github'
      ? {
          url: `${base}/repos/${config.repository.split('/').map(encodeURIComponent).join('/')}/statuses/${request.sha}`,
          headers: {
            authorization: `Bearer ${request.token}`,
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
          },
          body: {
            state: request.update.state,
            description,
            context: request.context,
            ...(request.update.targetUrl ? { target_url: request.update.targetUrl } : {}),
          },
        }
      : {
          url: `${base}/projects/${encodeURIComponent(config.repository)}/statuses/${request.sha}`,
          headers: { 'private-token': request.token },
          body: {
            state: gitlabState[request.update.state],
            description,
            name: request.context,
            ...(request.update.targetUrl ? { target_url: request.update.targetUrl } : {}),
          },
        };
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'meshcd' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw statusError(config, `${url}: ${(error as Error).message}`, true, error);
  }
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  const retryable = response.status >= 500 || response.status === 429;
  throw statusError(config, `${url} answered ${response.status}: ${text.slice(0, 200)}`, retryable);
}

function truncate(description: string): string {
  const oneLine = description.replace(/\s+/g, ' ').trim();
  return oneLine.length <= maxDescriptionLength ? oneLine : `${oneLine.slice(0, maxDescriptionLength - 1)}…`;
}

const statusError = (config: CommitStatusConfig, message: string, retryable: boolean, cause?: unknown) =>
  new MeshcdError({
    phase: 'report',
    reason: 'commit-status-failed',
    retryable,
    message: `${config.provider} commit status for ${config.repository}: ${message}`,
    ...(cause ? { cause } : {}),
  });
