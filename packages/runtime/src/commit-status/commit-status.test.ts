import { createMeshApi } from '@meshcd/appmesh';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import {
  type AppMeshEmulatorHandle,
  appMeshClientFor,
  type GitHostApiHandle,
  type GitServerHandle,
  startAppMeshEmulator,
  startGitHostApi,
  startGitServer,
} from '@meshcd/emulators';
import { fetchManifestTree } from '@meshcd/source';
import { MemoryStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventPublisher } from '../event-publisher.ts';
import { reconcileTarget } from '../reconcile-target.ts';
import { captureEvents } from '../testing/capture-events.ts';
import { commitStatusOf } from './commit-status-of.ts';
import { postCommitStatus, statusContext } from './post-commit-status.ts';

const token = 'status-token';
let appMesh: AppMeshEmulatorHandle;
let git: GitServerHandle;
let host: GitHostApiHandle;

beforeAll(async () => {
  [appMesh, git, host] = await Promise.all([
    startAppMeshEmulator(),
    startGitServer(),
    startGitHostApi({ token }),
  ]);
});
afterAll(async () => {
  await Promise.all([appMesh?.close(), git?.close(), host?.close()]);
});

const mesh = (name: string, port: number | string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: ${name} }
spec:
  namespaceSelector: { matchLabels: { mesh: ${name} } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ${name}, labels: { mesh: ${name} } }
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: api, namespace: ${name} }
spec:
  listeners: [{ portMapping: { port: ${port}, protocol: http } }]
  serviceDiscovery: { dns: { hostname: api.${name} } }
`;

let seq = 0;
async function world(
  provider: 'github' | 'gitlab',
  apiUrl = provider === 'github' ? host.githubApiUrl : host.gitlabApiUrl,
) {
  const n = ++seq;
  const repository = await git.createRepo(`status-${n}`);
  const target: Target = {
    id: `status-${n}`,
    source: { repository, branch: 'main', path: '.' },
    accountId: appMesh.accountId,
    region: 'us-west-2',
    policy: { ...defaultTargetPolicy },
    commitStatus: {
      provider,
      apiUrl,
      repository: 'platform/mesh',
      tokenSecret: 'status',
    },
  };
  const warnings: string[] = [];
  const state = new MemoryStateStore();
  const deps = {
    state,
    events: createEventPublisher(captureEvents(), 'bus'),
    meshApiFor: () => createMeshApi({ client: appMeshClientFor(appMesh) }),
    fetchSource: (t: Target, revision: string) =>
      fetchManifestTree({ url: t.source.repository, ref: revision, branch: 'main', path: '.' }),
    commitStatus: (t: Target, revision: string, update: Parameters<typeof postCommitStatus>[1]['update']) =>
      postCommitStatus(t.commitStatus!, {
        token,
        sha: revision,
        context: statusContext(t.commitStatus!, t.id),
        update,
      }),
    logger: { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} },
    newRunId: () => `run-${n}-${Math.random().toString(36).slice(2)}`,
    now: Date.now,
    reserveMs: 0,
    leaseTtlMs: 60_000,
  };
  const push = async (content: string, order: number) => {
    const revision = await git.commit(`status-${n}`, { files: { 'mesh.yaml': content }, replaceAll: true });
    const result = await reconcileTarget(target, { revision, order }, `holder-${order}`, deps);
    return { revision, result };
  };
  const statusesOf = (sha: string) => host.statuses.filter((s) => s.sha === sha);
  return { target, push, statusesOf, warnings, state };
}

describe('commit statuses of reconciles', () => {
  it('posts pending, then success with the plan summary, on GitHub', async () => {
    const w = await world('github');
    const { revision } = await w.push(mesh(`ok-${seq}`, 8080), 1);
    expect(w.statusesOf(revision)).toEqual([
      expect.objectContaining({
        provider: 'github',
        repository: 'platform/mesh',
        state: 'pending',
        context: `meshcd/${w.target.id}`,
      }),
      expect.objectContaining({
        state: 'success',
        description: 'Applied: 2 to create, 0 to update, 0 to delete, 0 unchanged',
      }),
    ]);
    // The provider's own listing shows the newest first, as GitHub does.
    const listed = (await (
      await fetch(`${host.githubApiUrl}/repos/platform/mesh/commits/${revision}/statuses`)
    ).json()) as Array<{ state: string }>;
    expect(listed.map((s) => s.state)).toEqual(['success', 'pending']);
  });

  it('posts failure with the first error at file:line:column on GitLab when the manifests are refused', async () => {
    const w = await world('gitlab');
    const { revision } = await w.push(mesh(`bad-${seq}`, '"eighty"'), 1);
    const statuses = w.statusesOf(revision);
    expect(statuses.map((s) => [s.provider, s.state])).toEqual([
      ['gitlab', 'pending'],
      ['gitlab', 'failed'],
    ]);
    expect(statuses[1]?.description).toBe(
      `Refused: mesh.yaml:15:32 VirtualNode/bad-${seq}/api spec.listeners[0].portMapping.port: must be a number, not the string "eighty"`,
    );
    expect(statuses[1]?.context).toBe(`meshcd/${w.target.id}`);
  });

  it('still reconciles and records the run when the Git host refuses the status', async () => {
    const w = await world('github', `${host.endpoint}/nowhere`);
    const { result } = await w.push(mesh(`down-${seq}`, 8080), 1);
    expect(result.status).toBe('done');
    expect(result.runs).toMatchObject([{ status: 'succeeded' }]);
    expect(w.warnings).toEqual(['commit status not posted', 'commit status not posted']);
    expect((await w.state.listRuns(w.target.id))[0]?.outcome).toBe('succeeded');
  });
});

describe('postCommitStatus', () => {
  const github = { provider: 'github' as const, apiUrl: '', repository: 'platform/mesh', tokenSecret: 's' };
  it('is refused with a terminal error for a bad token, retryable for a 5xx', async () => {
    const sha = 'a'.repeat(40);
    const update = { state: 'pending' as const, description: 'x' };
    await expect(
      postCommitStatus(
        { ...github, apiUrl: host.githubApiUrl },
        { token: 'wrong', sha, context: 'c', update },
      ),
    ).rejects.toMatchObject({ phase: 'report', reason: 'commit-status-failed', retryable: false });
    const failing = (async () => new Response('busy', { status: 503 })) as typeof fetch;
    await expect(
      postCommitStatus(
        { ...github, apiUrl: host.githubApiUrl },
        { token, sha, context: 'c', update },
        failing,
      ),
    ).rejects.toMatchObject({ retryable: true });
  });

  it("keeps a long description within GitHub's 140 characters", async () => {
    const sha = 'b'.repeat(40);
    const long = { state: 'failure' as const, description: `Refused: ${'x'.repeat(300)}` };
    await postCommitStatus(
      { ...github, apiUrl: host.githubApiUrl },
      { token, sha, context: 'c', update: long },
    );
    expect(host.statuses.find((s) => s.sha === sha)?.description).toHaveLength(140);
  });
});

describe('commitStatusOf', () => {
  it('counts the errors before the first one, so truncation never hides how many there are', () => {
    const update = commitStatusOf({
      outcome: 'refused',
      summary: {},
      errors: [
        {
          phase: 'desired',
          reason: 'invalid-value',
          message: 'must be 1..100',
          file: 'a.yaml',
          line: 3,
          column: 9,
          object: 'Route/x/y',
          field: 'spec.weight',
        },
        { phase: 'desired', reason: 'invalid-value', message: 'again', file: 'b.yaml', line: 1, column: 1 },
      ],
    });
    expect(update).toEqual({
      state: 'failure',
      description: 'Refused (2 errors): a.yaml:3:9 Route/x/y spec.weight: must be 1..100',
    });
  });
});
