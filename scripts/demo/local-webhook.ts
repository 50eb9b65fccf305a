import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localStatusRepository, localTableName, localTargetId } from '@meshcd/cli';
import type { RunRecord } from '@meshcd/core';
import { signGitHubBody } from '@meshcd/events';
import { createDynamoStateStore } from '@meshcd/state';
import { say, until } from './narrate.ts';

export interface LocalWebhook {
  /** Delivers GitHub's push webhook for `revision` (signed with the system's secret unless told). */
  notify(revision: string, message: string, signWith?: string): Promise<void>;
  /** Waits for the reconcile function's run of `revision` and says how it went, with its commit statuses. */
  reconciled(revision: string): Promise<RunRecord>;
  close(): void;
}

/** What GitHub does after a push, for a running local system (by its endpoints, wherever it runs). */
export async function localWebhook(endpoints: Record<string, string | undefined>): Promise<LocalWebhook> {
  const secret = (await readFile(endpoints.webhookSecretFile!, 'utf8')).trim();
  let pushedAt = Math.floor(Date.now() / 1000);
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb!,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const state = createDynamoStateStore({ client, tableName: localTableName });

  const notify: LocalWebhook['notify'] = async (revision, message, signWith = secret) => {
    pushedAt += 1;
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      before: `${'0'.repeat(39)}1`,
      after: revision,
      commits: [],
      pusher: { name: 'platform-team' },
      repository: { full_name: 'platform/mesh-config', clone_url: endpoints.repository, pushed_at: pushedAt },
    });
    const response = await fetch(endpoints.webhook!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signGitHubBody(body, signWith),
      },
      body,
    });
    say(
      `pushed ${revision.slice(0, 12)} "${message}"; webhook answered ${response.status} ${await response.text()}`,
    );
  };

  /** The commit statuses the reconcile posted on `revision`, as the Git host shows them (oldest first). */
  const showCommitStatuses = async (revision: string) => {
    const url = `${endpoints.commitStatusApi}/repos/${localStatusRepository}/commits/${revision}/statuses`;
    const statuses = (await (await fetch(url)).json()) as Array<{ state: string; description: string }>;
    for (const s of statuses.reverse())
      say(`commit status on ${revision.slice(0, 12)}: ${s.state} "${s.description}"`);
  };

  const reconciled: LocalWebhook['reconciled'] = async (revision) => {
    const run = await until(`the reconcile of ${revision.slice(0, 12)}`, async () =>
      (await state.listRuns(localTargetId, 5)).find((r) => r.revision === revision && r.mode === 'apply'),
    );
    say(
      `reconcile ${run.outcome}: ${Object.entries(run.summary)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    await showCommitStatuses(revision);
    return run;
  };

  return { notify, reconciled, close: () => client.destroy() };
}
