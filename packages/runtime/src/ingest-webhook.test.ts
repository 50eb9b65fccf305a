import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { signGitHubBody } from '@meshcd/events';
import { MemoryStateStore } from '@meshcd/state';
import { describe, expect, it } from 'vitest';
import { createEventPublisher } from './event-publisher.ts';
import { ingestWebhook } from './ingest-webhook.ts';
import { captureEvents, gitHubPushBody } from './testing/capture-events.ts';

const secret = 'webhook-secret';
const revision = 'a'.repeat(40);
const body = gitHubPushBody('https://github.com/org/mesh.git', 'main', revision, 1_700_000_000);

function world(maxBodyBytes = 1024 * 1024) {
  const bus = captureEvents();
  const state = new MemoryStateStore();
  const deps = {
    secrets: { github: secret },
    markDelivery: state.markDelivery.bind(state),
    seenDelivery: state.seenDelivery.bind(state),
    events: createEventPublisher(bus, 'meshcd-bus'),
    targets: () => targets,
    maxBodyBytes,
    deliveryTtlSeconds: 3600,
    now: () => 1_700_000_000_000,
  };
  return { bus, state, deps };
}

const tracking = (repository: string, branch: string): Target => ({
  id: `t-${branch}`,
  source: { repository, branch, path: '.' },
  accountId: '111122223333',
  region: 'us-west-2',
  policy: { ...defaultTargetPolicy },
});
const targets = [
  tracking('https://github.com/org/mesh.git', 'main'),
  tracking('https://github.com/org/mesh.git', 'release'),
];

const headers = (signature: string | undefined, delivery = 'delivery-1') => ({
  'x-github-event': 'push',
  'x-github-delivery': delivery,
  ...(signature ? { 'x-hub-signature-256': signature } : {}),
  'content-type': 'application/json',
});

describe('ingestWebhook', () => {
  it('publishes a signed push as a Git Push event on the bus and answers 202', async () => {
    const { bus, deps } = world();
    const response = await ingestWebhook({ headers: headers(signGitHubBody(body, secret)), body }, deps);
    expect(response.statusCode).toBe(202);
    expect(bus.events).toHaveLength(1);
    expect(bus.events[0]).toMatchObject({
      source: 'meshcd.git',
      detailType: 'Git Push',
      busName: 'meshcd-bus',
      detail: {
        revision,
        branch: 'main',
        repository: 'https://github.com/org/mesh.git',
        deliveryId: 'delivery-1',
      },
    });
  });

  it('refuses a forged signature with 401, records no delivery and publishes nothing', async () => {
    const { bus, state, deps } = world();
    const forged = signGitHubBody(body, 'not-the-secret');
    const response = await ingestWebhook({ headers: headers(forged), body }, deps);
    expect(response).toMatchObject({ statusCode: 401, outcome: 'unauthorized' });
    expect(bus.events).toEqual([]);
    // The genuine delivery with the same id is still fresh: the forgery recorded nothing.
    expect(await state.markDelivery('github:delivery-1', 1_700_000_000_000, 60)).toBe(true);
  });

  it('refuses an unsigned delivery with 401 and publishes nothing', async () => {
    const { bus, deps } = world();
    const response = await ingestWebhook({ headers: headers(undefined), body }, deps);
    expect(response.statusCode).toBe(401);
    expect(bus.events).toEqual([]);
  });

  it('refuses a body over the limit with 413 before checking anything else', async () => {
    const { bus, state, deps } = world(512);
    const big = gitHubPushBody('https://github.com/org/mesh.git', 'main', revision, 1).replace(
      '"commits":[]',
      `"commits":[],"padding":"${'x'.repeat(1024)}"`,
    );
    const response = await ingestWebhook({ headers: headers(signGitHubBody(big, secret)), body: big }, deps);
    expect(response).toMatchObject({ statusCode: 413, outcome: 'too-large' });
    expect(bus.events).toEqual([]);
    expect(await state.markDelivery('github:delivery-1', 1_700_000_000_000, 60)).toBe(true);
  });

  it('answers a redelivered push with 200 duplicate and publishes it only once', async () => {
    const { bus, deps } = world();
    const request = { headers: headers(signGitHubBody(body, secret)), body };
    await ingestWebhook(request, deps);
    const again = await ingestWebhook(request, deps);
    expect(again).toMatchObject({ statusCode: 200, outcome: 'duplicate' });
    expect(bus.events).toHaveLength(1);
  });

  it('accepts the redelivery of a push whose first PutEvents failed, instead of calling it a duplicate', async () => {
    const { bus, deps } = world();
    let failures = 1;
    const flaky = {
      async publish(entries: Parameters<typeof deps.events.publish>[0]) {
        if (failures-- > 0) throw new Error('PutEvents: InternalFailure');
        await deps.events.publish(entries);
      },
    };
    const request = { headers: headers(signGitHubBody(body, secret)), body };
    await expect(ingestWebhook(request, { ...deps, events: flaky })).rejects.toThrow(/InternalFailure/);
    expect(bus.events).toEqual([]);
    const redelivered = await ingestWebhook(request, { ...deps, events: flaky });
    expect(redelivered).toMatchObject({ statusCode: 202, outcome: 'accepted' });
    expect(bus.events).toHaveLength(1);
  });

  it('refuses with 400 a push whose after is not a commit SHA, and publishes nothing', async () => {
    const { bus, deps } = world();
    const bad = gitHubPushBody('https://github.com/org/mesh.git', 'main', 'main', 1_700_000_000);
    const response = await ingestWebhook({ headers: headers(signGitHubBody(bad, secret)), body: bad }, deps);
    expect(response).toMatchObject({ statusCode: 400, outcome: 'invalid' });
    expect(response.message).toMatch(/after/);
    expect(bus.events).toEqual([]);
  });

  it('refuses with 401 a valid signature followed by trailing junk', async () => {
    const { bus, deps } = world();
    const junk = `${signGitHubBody(body, secret)}deadbeef`;
    const response = await ingestWebhook({ headers: headers(junk), body }, deps);
    expect(response).toMatchObject({ statusCode: 401, outcome: 'unauthorized' });
    expect(bus.events).toEqual([]);
  });

  it('reads a base64-encoded body as the bytes that were signed', async () => {
    const { bus, deps } = world();
    const encoded = Buffer.from(body).toString('base64');
    const response = await ingestWebhook(
      { headers: headers(signGitHubBody(body, secret)), body: encoded, isBase64Encoded: true },
      deps,
    );
    expect(response.statusCode).toBe(202);
    expect(bus.events).toHaveLength(1);
  });

  it('acknowledges a ping without publishing', async () => {
    const { bus, deps } = world();
    const ping = '{"zen":"hi"}';
    const response = await ingestWebhook(
      {
        headers: {
          'x-github-event': 'ping',
          'x-github-delivery': 'p',
          'x-hub-signature-256': signGitHubBody(ping, secret),
        },
        body: ping,
      },
      deps,
    );
    expect(response).toMatchObject({ statusCode: 200, outcome: 'ignored' });
    expect(bus.events).toEqual([]);
  });

  it('answers a push to a branch no target tracks with 200 ignored, naming the tracked branches', async () => {
    const { bus, state, deps } = world();
    const other = gitHubPushBody('https://github.com/org/mesh.git', 'feature/x', revision, 1_700_000_000);
    const response = await ingestWebhook(
      { headers: headers(signGitHubBody(other, secret)), body: other },
      deps,
    );
    expect(response).toMatchObject({ statusCode: 200, outcome: 'ignored' });
    expect(response.message).toBe(
      'branch feature/x of https://github.com/org/mesh.git is tracked by no target (tracked: main, release)',
    );
    expect(bus.events).toEqual([]);
    // Not recorded as delivered: once a target tracks the branch, a redelivery is accepted.
    expect(await state.markDelivery('github:delivery-1', 1_700_000_000_000, 60)).toBe(true);
  });

  it('answers a push to a repository no target tracks with 200 ignored, naming the repository', async () => {
    const { bus, deps } = world();
    const other = gitHubPushBody('https://github.com/org/elsewhere.git', 'main', revision, 1_700_000_000);
    const response = await ingestWebhook(
      { headers: headers(signGitHubBody(other, secret)), body: other },
      deps,
    );
    expect(response).toMatchObject({
      statusCode: 200,
      outcome: 'ignored',
      message: 'repository https://github.com/org/elsewhere.git is tracked by no target',
    });
    expect(bus.events).toEqual([]);
  });
});
