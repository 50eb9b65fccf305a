import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVirtualNodeCommand, UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  type EventLogEntry,
  formatEventLine,
  type LocalSystem,
  localRepository,
  localStatusRepository,
  startLocalSystem,
  type TargetStatus,
} from '@meshcd/cli';
import { appMeshClientFor, defaultAccountId } from '@meshcd/emulators';
import { detailTypes, eventSources, schemaVersion } from '@meshcd/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, gitHubPush } from '../e2e/github-webhook.ts';
import { runCli } from '../engine/run-cli.ts';

const mesh = (port: number | string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: shop }
spec:
  namespaceSelector: { matchLabels: { mesh: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: shop } }
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: api, namespace: shop }
spec:
  listeners: [{ portMapping: { port: ${port}, protocol: http } }]
  serviceDiscovery: { dns: { hostname: api.shop } }
`;

/**
 * What a person running `meshcd local up` sees of each push: the event log line, `meshcd status` and the
 * commit status on the local Git host API, for a valid push, an invalid one and an untracked branch.
 */
describe('visibility of pushes in the local system', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-visibility-'));
  const state = join(root, 'state');
  const events: EventLogEntry[] = [];
  let system: LocalSystem;
  let secret: string;
  let pushedAt = Math.floor(Date.now() / 1000);
  let appliedRevision = '';

  beforeAll(async () => {
    system = await startLocalSystem(state, { onEvent: (e) => events.push(e) });
    const { readFile } = await import('node:fs/promises');
    secret = (await readFile(system.endpoints.webhookSecretFile!, 'utf8')).trim();
  }, 120_000);
  afterAll(async () => {
    await system?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Commits, delivers the signed webhook, and waits for the reconcile's event line. */
  async function push(content: string, branch = 'main') {
    const revision = await system.git.commit(localRepository, {
      files: { 'mesh.yaml': content },
      replaceAll: true,
    });
    pushedAt += 1;
    const body = gitHubPush({ cloneUrl: system.endpoints.repository!, revision, pushedAt, branch });
    const answer = await deliver(system.endpoints.webhook!, body, secret);
    if (answer.status === 202) {
      for (let i = 0; i < 240 && !events.some((e) => e.event === 'reconcile' && e.revision === revision); i++)
        await new Promise((r) => setTimeout(r, 250));
    }
    return { revision, answer, line: events.find((e) => e.event === 'reconcile' && e.revision === revision) };
  }

  const status = async () => {
    const run = await runCli('status', '--local', '--state', state, '--output', 'json');
    return {
      code: run.code,
      report: JSON.parse(run.stdout) as { healthy: boolean; targets: TargetStatus[] },
    };
  };
  const commitStatuses = async (sha: string) =>
    (await (
      await fetch(
        `${system.endpoints.commitStatusApi}/repos/${localStatusRepository}/commits/${sha}/statuses`,
      )
    ).json()) as Array<{ state: string; description: string; context: string }>;

  it('shows a valid push as succeeded in the event log, in meshcd status and as a success commit status', async () => {
    const { revision, answer, line } = await push(mesh(8080));
    appliedRevision = revision;
    expect(answer.status).toBe(202);
    expect(events.find((e) => e.event === 'push' && e.outcome === 'accepted')?.message).toContain(revision);
    expect(line).toMatchObject({ level: 'INFO', outcome: 'succeeded', targetId: 'local' });
    expect(formatEventLine(line!, 'text', new Date(0))).toMatch(
      new RegExp(
        `^1970-01-01T00:00:00.000Z INFO  reconcile succeeded: local at ${revision.slice(0, 12)}: \\d+ created, 0 updated, 0 deleted, 0 unchanged\\n$`,
      ),
    );
    const { code, report } = await status();
    expect(code).toBe(0);
    expect(report.targets[0]).toMatchObject({
      targetId: 'local',
      health: 'healthy',
      applied: { revision },
      lastRun: { revision, outcome: 'succeeded' },
      lease: { state: 'free' },
    });
    const posted = await commitStatuses(revision);
    expect(posted.map((s) => s.state)).toEqual(['success', 'pending']);
    expect(posted[0]).toMatchObject({
      context: 'meshcd/local',
      description: expect.stringMatching(/^Applied: \d+ to create/),
    });
  }, 120_000);

  it('shows an invalid push as refused with its file:line:column everywhere, and status exits 2', async () => {
    const { revision, line } = await push(mesh('"eighty"'));
    const where = 'mesh.yaml:15:32 VirtualNode/shop/api spec.listeners[0].portMapping.port';
    expect(line).toMatchObject({ level: 'WARN', outcome: 'refused' });
    expect(line?.message).toBe(
      `local at ${revision.slice(0, 12)}: ${where}: must be a number, not the string "eighty"`,
    );

    const { code, report } = await status();
    expect(code).toBe(2);
    expect(report.healthy).toBe(false);
    // The refused revision is kept apart from the applied one: what runs is still the last good push.
    expect(report.targets[0]).toMatchObject({
      health: 'refused',
      lastRun: { revision, outcome: 'refused' },
      failed: { revision },
      applied: { revision: appliedRevision },
    });
    expect(report.targets[0]?.lastRun?.errors).toEqual([
      expect.objectContaining({
        file: 'mesh.yaml',
        line: 15,
        column: 32,
        object: 'VirtualNode/shop/api',
        field: 'spec.listeners[0].portMapping.port',
      }),
    ]);
    const text = await runCli('status', '--local', '--state', state);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('Target local  refused');
    expect(text.stdout).toContain(`  Failed:   ${revision.slice(0, 12)} (`);
    expect(text.stdout).toContain(
      `error ${where}: must be a number, not the string "eighty" [desired/wrong-type]`,
    );

    const posted = await commitStatuses(revision);
    expect(posted.map((s) => s.state)).toEqual(['failure', 'pending']);
    expect(posted[0]?.description).toBe(`Refused: ${where}: must be a number, not the string "eighty"`);
  }, 120_000);

  it('answers a push to an untracked branch 200 ignored and logs why', async () => {
    const { answer } = await push(mesh(8080), 'feature/x');
    expect(answer).toEqual({
      status: 200,
      body: expect.objectContaining({
        outcome: 'ignored',
        message: expect.stringContaining('branch feature/x of'),
      }),
    });
    const line = events.findLast((e) => e.event === 'push');
    expect(line).toMatchObject({ level: 'INFO', outcome: 'ignored' });
    expect(line?.message).toMatch(
      /^branch feature\/x of http:\/\/127\.0\.0\.1:\d+\/mesh-config\.git is tracked by no target \(tracked: main\) \(HTTP 200\)$/,
    );
  }, 180_000);

  it('logs drift found by the scheduled check, naming the changed resource and field', async () => {
    // Someone moves the node's port in App Mesh, outside Git.
    const sdk = appMeshClientFor({ endpoint: system.endpoints.appmesh!, accountId: defaultAccountId });
    const names = { meshName: 'shop', virtualNodeName: 'api_shop' };
    const { virtualNode } = await sdk.send(new DescribeVirtualNodeCommand(names));
    const spec = structuredClone(virtualNode!.spec!);
    spec.listeners![0]!.portMapping!.port = 9090;
    await sdk.send(new UpdateVirtualNodeCommand({ ...names, spec }));
    sdk.destroy();
    // What EventBridge Scheduler sends on the schedule, sent now.
    const bus = new EventBridgeClient({
      endpoint: system.endpoints.eventbridge!,
      region: 'us-west-2',
      credentials: { accessKeyId: 'scheduler', secretAccessKey: 'scheduler' },
    });
    await bus.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'meshcd-local',
            Source: eventSources.scheduler,
            DetailType: detailTypes.scheduledCheck,
            Detail: JSON.stringify({ schemaVersion, check: 'drift', scheduleName: 'local-drift-check' }),
          },
        ],
      }),
    );
    bus.destroy();
    for (let i = 0; i < 240 && !events.some((e) => e.event === 'drift'); i++)
      await new Promise((r) => setTimeout(r, 250));
    const line = events.find((e) => e.event === 'drift');
    expect(line).toMatchObject({ level: 'WARN', outcome: 'found', targetId: 'local' });
    expect(formatEventLine(line!, 'text', new Date(0))).toMatch(
      /^1970-01-01T00:00:00\.000Z WARN {2}drift found: local: 1 Modified — Modified appmesh:\S*api_shop\S* \(spec\.listeners\[0\]\.portMapping\.port\)\n$/,
    );
  }, 180_000);
});
