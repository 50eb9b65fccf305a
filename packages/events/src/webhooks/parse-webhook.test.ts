import { describe, expect, it } from 'vitest';
import { rawFixture } from '../fixtures/load-fixture.ts';
import { parseWebhook } from './parse-webhook.ts';
import { signGitHubBody, verifyGitHubSignature } from './verify-github-signature.ts';
import { verifyGitLabToken } from './verify-gitlab-token.ts';

const secret = "It's a Secret to Everybody";
const receivedAt = Date.parse('2026-03-01T09:14:22Z');

const github = (body: string, headers: Record<string, string | undefined> = {}) =>
  parseWebhook({
    rawBody: body,
    receivedAt,
    secrets: { github: secret },
    headers: {
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'X-Hub-Signature-256': signGitHubBody(body, secret),
      ...headers,
    },
  });

const gitlab = (body: string, token: string | undefined, event = 'Push Hook') =>
  parseWebhook({
    rawBody: Buffer.from(body),
    receivedAt,
    secrets: { gitlab: 'gl-token-123' },
    headers: {
      'x-gitlab-event': event,
      'x-gitlab-token': token,
      'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e',
    },
  });

describe('GitHub signature', () => {
  it('matches the example from GitHub’s webhook documentation', () => {
    // docs.github.com "Validating webhook deliveries": secret and payload below, known-good signature.
    expect(
      verifyGitHubSignature(
        'Hello, World!',
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        secret,
      ),
    ).toBe(true);
  });

  it('rejects a signature of a different body, a truncated signature and an empty secret', () => {
    const body = rawFixture('github-push');
    expect(verifyGitHubSignature(`${body} `, signGitHubBody(body, secret), secret)).toBe(false);
    expect(verifyGitHubSignature(body, signGitHubBody(body, secret).slice(0, 40), secret)).toBe(false);
    expect(verifyGitHubSignature(body, 'sha256=not-hex', secret)).toBe(false);
    expect(verifyGitHubSignature(body, signGitHubBody(body, ''), '')).toBe(false);
  });

  it('refuses a valid digest followed by trailing junk', () => {
    const body = rawFixture('github-push');
    const valid = signGitHubBody(body, secret);
    expect(verifyGitHubSignature(body, valid, secret)).toBe(true);
    // Buffer.from(hex) stops at the first non-hex character, so a lax check would accept these.
    expect(verifyGitHubSignature(body, `${valid}zz`, secret)).toBe(false);
    expect(verifyGitHubSignature(body, `${valid}00`, secret)).toBe(false);
    expect(verifyGitHubSignature(body, `${valid} `, secret)).toBe(false);
    expect(verifyGitHubSignature(body, `${valid}\n`, secret)).toBe(false);
  });

  it('verifies the raw bytes, not re-serialised JSON', () => {
    const body = rawFixture('github-push');
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(verifyGitHubSignature(reserialised, signGitHubBody(body, secret), secret)).toBe(false);
  });
});

describe('parseWebhook', () => {
  it('turns a signed GitHub push into a git-push trigger ordered by push time', () => {
    const parsed = github(rawFixture('github-push'));
    expect(parsed).toEqual({
      provider: 'github',
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      eventName: 'push',
      trigger: {
        type: 'git-push',
        provider: 'github',
        repository: 'https://github.com/example-org/mesh-manifests.git',
        branch: 'main',
        revision: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        order: 1772360061000,
        deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        pusher: 'jdoe',
        changedPaths: [
          'mesh/checkout/old-route.yaml',
          'mesh/checkout/virtual-router.yaml',
          'mesh/payments/kustomization.yaml',
          'mesh/payments/virtual-node.yaml',
        ],
      },
    });
  });

  it('reads a form-encoded delivery (GitHub’s default content type), signed over the raw form body', () => {
    const json = rawFixture('github-push');
    const form = `payload=${encodeURIComponent(json)}`;
    const parsed = github(form, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(parsed).toEqual(github(json));
    // Signed over the JSON instead of the bytes sent: refused.
    expect(() =>
      github(form, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Hub-Signature-256': signGitHubBody(json, secret),
      }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-signature' }));
    expect(() => github('other=1', { 'Content-Type': 'application/x-www-form-urlencoded' })).toThrow(
      expect.objectContaining({
        reason: 'invalid-payload',
        message: expect.stringContaining('payload field'),
      }),
    );
  });

  it('refuses a forged GitHub delivery and an unsigned one before reading the body', () => {
    const body = rawFixture('github-push');
    expect(() => github(body, { 'X-Hub-Signature-256': signGitHubBody(body, 'wrong') })).toThrow(
      expect.objectContaining({ phase: 'event', reason: 'invalid-signature', retryable: false }),
    );
    expect(() => github('not json', { 'X-Hub-Signature-256': undefined })).toThrow(
      expect.objectContaining({ reason: 'missing-signature' }),
    );
  });

  it('refuses a GitHub push whose after or before is not a commit SHA', () => {
    const push = JSON.parse(rawFixture('github-push'));
    for (const after of ['main', 'HEAD~1', '0d1a26e', `${'a'.repeat(40)}x`, 'a'.repeat(41), '']) {
      expect(() => github(JSON.stringify({ ...push, after }))).toThrow(
        expect.objectContaining({
          phase: 'event',
          reason: 'invalid-payload',
          message: expect.stringMatching(/after/),
        }),
      );
    }
    expect(() => github(JSON.stringify({ ...push, before: '--upload-pack=x' }))).toThrow(
      expect.objectContaining({ reason: 'invalid-payload' }),
    );
    // SHA-256 object names are commit SHAs too.
    expect(github(JSON.stringify({ ...push, after: 'b'.repeat(64) })).trigger?.revision).toBe('b'.repeat(64));
  });

  it('refuses a GitHub delivery when no GitHub secret is configured', () => {
    const body = rawFixture('github-push');
    expect(() =>
      parseWebhook({
        rawBody: body,
        receivedAt,
        secrets: { gitlab: 'x' },
        headers: { 'x-github-event': 'push', 'x-hub-signature-256': signGitHubBody(body, secret) },
      }),
    ).toThrow(expect.objectContaining({ reason: 'invalid-signature' }));
  });

  it('ignores branch deletions, tag pushes and pings', () => {
    expect(github(rawFixture('github-branch-delete')).trigger).toBeUndefined();
    expect(github(rawFixture('github-tag-push')).trigger).toBeUndefined();
    const ping = github('{"zen":"Keep it logically awesome.","hook_id":1}', { 'X-GitHub-Event': 'ping' });
    expect(ping).toEqual({ provider: 'github', deliveryId: expect.any(String), eventName: 'ping' });
  });

  it('names the missing field of a malformed push', () => {
    const body = JSON.stringify({
      ...JSON.parse(rawFixture('github-push')),
      repository: { full_name: 'a/b' },
    });
    expect(() => github(body)).toThrow(/GitHub push: repository\.clone_url/);
  });

  it('turns a GitLab push with the right token into a trigger ordered by the pushed commit’s time', () => {
    const parsed = gitlab(rawFixture('gitlab-push'), 'gl-token-123');
    expect(parsed.trigger).toEqual({
      type: 'git-push',
      provider: 'gitlab',
      repository: 'https://gitlab.example.com/platform/mesh-manifests.git',
      branch: 'main',
      revision: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      order: Date.parse('2026-03-02T09:03:12+00:00'),
      deliveryId: '13792a34-cac6-4fda-95a8-c58e00a3954e',
      before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      pusher: 'jsmith',
      changedPaths: ['apps/backend/outlier.yaml', 'apps/frontend/virtual-node.yaml'],
    });
  });

  it('refuses a GitLab push whose after or checkout_sha is not a commit SHA', () => {
    const push = JSON.parse(rawFixture('gitlab-push'));
    expect(() => gitlab(JSON.stringify({ ...push, after: 'main' }), 'gl-token-123')).toThrow(
      expect.objectContaining({ reason: 'invalid-payload' }),
    );
    expect(() => gitlab(JSON.stringify({ ...push, checkout_sha: 'HEAD' }), 'gl-token-123')).toThrow(
      expect.objectContaining({ reason: 'invalid-payload' }),
    );
  });

  it('refuses a GitLab delivery with a wrong or missing token', () => {
    const body = rawFixture('gitlab-push');
    expect(() => gitlab(body, 'gl-token-124')).toThrow(
      expect.objectContaining({ reason: 'invalid-signature' }),
    );
    expect(() => gitlab(body, 'gl')).toThrow(expect.objectContaining({ reason: 'invalid-signature' }));
    expect(() => gitlab(body, undefined)).toThrow(expect.objectContaining({ reason: 'missing-signature' }));
    expect(verifyGitLabToken('gl-token-123', 'gl-token-123')).toBe(true);
  });

  it('ignores a GitLab branch deletion and a tag push hook', () => {
    const deletion = {
      ...JSON.parse(rawFixture('gitlab-push')),
      after: '0000000000000000000000000000000000000000',
      checkout_sha: null,
      commits: [],
    };
    expect(gitlab(JSON.stringify(deletion), 'gl-token-123').trigger).toBeUndefined();
    const tag = { ...JSON.parse(rawFixture('gitlab-push')), object_kind: 'tag_push', ref: 'refs/tags/v1' };
    expect(gitlab(JSON.stringify(tag), 'gl-token-123', 'Tag Push Hook').trigger).toBeUndefined();
  });

  it('refuses a delivery from an unknown sender', () => {
    expect(() => parseWebhook({ rawBody: '{}', receivedAt, secrets: {}, headers: {} })).toThrow(
      expect.objectContaining({ reason: 'unsupported-event' }),
    );
  });
});
