import { MeshcdError } from '@meshcd/core';
import { lambdaHandler } from '@meshcd/runtime';
import { testContext, testKit } from '@meshcd/runtime/testing';
import { describe, expect, it } from 'vitest';
import { reconcileEvent } from './reconcile.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const commitId = '5f1e9a7c2b8d4e6f0a1b2c3d4e5f6a7b8c9d0e1f';
const targets = JSON.stringify([
  {
    id: 'payments',
    source: {
      repository: 'https://git-codecommit.us-east-2.amazonaws.com/v1/repos/mesh-manifests',
      branch: 'main',
      // An IAM user's Git credentials: CodeCommit takes no role credentials over HTTPS.
      credentialsSecret: 'meshcd/codecommit-git',
    },
    accountId: '123456789012',
    region: 'us-east-2',
  },
]);

const codeCommitPush = {
  version: '0',
  id: 'event-1',
  'detail-type': 'CodeCommit Repository State Change',
  source: 'aws.codecommit',
  account: '123456789012',
  time: '2026-03-03T14:22:31Z',
  region: 'us-east-2',
  resources: ['arn:aws:codecommit:us-east-2:123456789012:mesh-manifests'],
  detail: {
    commitId,
    event: 'referenceUpdated',
    oldCommitId: '3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d',
    referenceFullName: 'refs/heads/main',
    referenceName: 'main',
    referenceType: 'branch',
    repositoryId: '12345678-1234-5678-abcd-12345678abcd',
    repositoryName: 'mesh-manifests',
  },
};

function handlerFailingSourceWith(error: Error) {
  const fetched: string[] = [];
  const { kit, bus } = testKit(
    { MESHCD_TARGETS: targets },
    {
      fetchSource: async (target, revision) => {
        fetched.push(`${target.id}@${revision}`);
        throw error;
      },
    },
  );
  return { handler: lambdaHandler(reconcileEvent, () => kit), bus, fetched };
}

describe('reconcile handler', () => {
  it('reconciles a CodeCommit push into the target configured for that repository and branch', async () => {
    const notFound = new MeshcdError({
      phase: 'source',
      reason: 'revision-not-found',
      message: 'no such commit',
    });
    const { handler, bus, fetched } = handlerFailingSourceWith(notFound);
    await handler(codeCommitPush as never, testContext);
    expect(fetched).toEqual([`payments@${commitId}`]);
    expect(bus.events).toMatchObject([
      {
        source: 'meshcd.reconciler',
        detailType: 'Reconcile Failed',
        detail: {
          targetId: 'payments',
          revision: commitId,
          errors: [{ phase: 'source', reason: 'revision-not-found' }],
        },
      },
    ]);
  });

  it('throws a transient fault so EventBridge and Lambda retry the event', async () => {
    const throttled = new MeshcdError({
      phase: 'source',
      reason: 'network',
      message: 'reset',
      retryable: true,
    });
    const { handler, bus } = handlerFailingSourceWith(throttled);
    await expect(handler(codeCommitPush as never, testContext)).rejects.toBe(throttled);
    expect(bus.events).toEqual([]);
  });

  it('ignores a push to a branch no target follows', async () => {
    const { handler, bus, fetched } = handlerFailingSourceWith(new Error('not called'));
    const feature = {
      ...codeCommitPush,
      detail: { ...codeCommitPush.detail, referenceName: 'feature', referenceFullName: 'refs/heads/feature' },
    };
    await handler(feature as never, testContext);
    expect(fetched).toEqual([]);
    expect(bus.events).toEqual([]);
  });

  it('reports a malformed Git Push without retrying it', async () => {
    const { handler, bus, fetched } = handlerFailingSourceWith(new Error('not called'));
    const malformed = {
      ...codeCommitPush,
      source: 'meshcd.git',
      'detail-type': 'Git Push',
      detail: { schemaVersion: '1' },
    };
    await expect(handler(malformed as never, testContext)).resolves.toBeUndefined();
    expect(fetched).toEqual([]);
    expect(bus.events).toEqual([]);
  });
});
