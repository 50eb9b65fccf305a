import { describe, expect, it } from 'vitest';
import { LatticeService } from './lattice-service.ts';
import { defaultBehaviours, defaultQuotas, defaultTiming } from './service-config.ts';
import { emptyState } from './service-state.ts';

const vpcIdentifier = 'vpc-0123456789abcdef0';
const forward = (targetGroupIdentifier: string) => ({
  forward: { targetGroups: [{ targetGroupIdentifier, weight: 100 }] },
});

/**
 * `services` services, each with a listener forwarding to its own target group and a rule forwarding to a
 * second one, each created with a clientToken; then every read of the state's resources and tokens is counted.
 */
function world(services: number, timing: Partial<typeof defaultTiming> = {}) {
  let next = 0;
  let now = 1_000;
  const service = new LatticeService(emptyState(), {
    region: 'us-west-2',
    quotas: defaultQuotas,
    behaviours: defaultBehaviours,
    timing: { ...defaultTiming, ...timing },
    targetHealth: {},
    defaultTargetHealth: 'HEALTHY',
    nowMs: () => now,
    newIdSuffix: () => String(next++).padStart(17, '0'),
  });
  const run = (operation: Parameters<LatticeService['execute']>[0], input: Record<string, unknown>) =>
    service.execute(
      operation,
      operation.startsWith('Create') ? { clientToken: `token-${next}`, ...input } : input,
      '111122223333',
    );
  const group = (name: string) =>
    String(
      run('CreateTargetGroup', { name, type: 'IP', config: { protocol: 'HTTP', port: 8080, vpcIdentifier } })
        .id,
    );
  for (let i = 0; i < services; i += 1) {
    const serviceIdentifier = String(run('CreateService', { name: `service-${i}` }).id);
    const listenerIdentifier = String(
      run('CreateListener', {
        serviceIdentifier,
        name: 'http',
        protocol: 'HTTP',
        defaultAction: forward(group(`group-${i}`)),
      }).id,
    );
    run('CreateRule', {
      serviceIdentifier,
      listenerIdentifier,
      name: 'canary',
      priority: 1,
      match: { httpMatch: { pathMatch: { match: { prefix: '/canary' } } } },
      action: forward(group(`group-${i}-canary`)),
    });
  }
  const stored = Object.keys(service.state.resources).length;
  let reads = 0;
  let tokenReads = 0;
  service.state.resources = new Proxy(service.state.resources, {
    get(target, key, receiver) {
      reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  service.state.tokens = new Proxy(service.state.tokens, {
    get(target, key, receiver) {
      tokenReads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  const counted = (fn: () => unknown) => {
    reads = 0;
    tokenReads = 0;
    const out = fn();
    return { out, reads, tokenReads };
  };
  const later = (ms: number) => {
    now += ms;
  };
  return { run, stored, counted, later };
}

// Every call once swept the whole state for finished deletions and drains, and every create walked every
// remembered clientToken for expired ones, though reads start neither and tokens live a day.
describe('VPC Lattice emulator: what one call reads of the state', () => {
  it('answers a Get without walking the state, when no deletion or drain is pending', () => {
    const w = world(40);
    const [first] = (w.run('ListServices', { maxResults: 1 }) as { items: { id: string }[] }).items;
    const { reads } = w.counted(() => w.run('GetService', { serviceIdentifier: first!.id }));
    expect(reads).toBeLessThanOrEqual(5);
  });

  it('checks a new clientToken without walking the remembered ones, while none can have expired', () => {
    const w = world(40);
    const { tokenReads } = w.counted(() => w.run('CreateService', { name: 'service-new' }));
    expect(tokenReads).toBeLessThanOrEqual(2);
  });

  it('still removes a deleted resource once its deletion ends, with only reads in between', () => {
    const w = world(2, { deleteMs: 1_000 });
    const groups = (w.run('ListTargetGroups', {}) as { items: { id: string }[] }).items;
    const spare = w.run('CreateTargetGroup', {
      name: 'group-spare',
      type: 'IP',
      config: { protocol: 'HTTP', port: 8080, vpcIdentifier },
    }) as { id: string };
    w.run('DeleteTargetGroup', { targetGroupIdentifier: spare.id });
    w.later(500);
    expect(w.run('GetTargetGroup', { targetGroupIdentifier: spare.id })).toMatchObject({
      status: 'DELETE_IN_PROGRESS',
    });
    w.later(500);
    expect(() => w.run('GetTargetGroup', { targetGroupIdentifier: spare.id })).toThrow(/not found|NotFound/i);
    expect((w.run('ListTargetGroups', {}) as { items: unknown[] }).items).toHaveLength(groups.length);
  });
});

// Who uses a target group was once asked per target group and per service, each time over the whole state:
// a page of target groups cost groups × services × resources reads, and the benchmark's unchanged re-run
// spent most of its minutes there. Each call now reads the state a fixed number of times.
describe('VPC Lattice emulator: the cost of asking who uses a target group', () => {
  const services = 40;

  it('lists a page of target groups, each with its serviceArns, in a fixed number of passes over the state', () => {
    const w = world(services);
    const { out, reads } = w.counted(() => w.run('ListTargetGroups', { maxResults: 100 }));
    const items = (out as { items: { name: string; serviceArns?: string[] }[] }).items;
    expect(items).toHaveLength(2 * services);
    expect(items.every((tg) => tg.serviceArns?.length === 1)).toBe(true);
    expect(reads).toBeLessThanOrEqual(6 * w.stored);
  });

  it('checks a new rule action against every other service in a fixed number of passes over the state', () => {
    const w = world(services);
    const { serviceIdentifier, listenerIdentifier } = (() => {
      const s = w.run('ListServices', { maxResults: 1 }) as { items: { id: string }[] };
      const l = w.run('ListListeners', { serviceIdentifier: s.items[0]!.id }) as { items: { id: string }[] };
      return { serviceIdentifier: s.items[0]!.id, listenerIdentifier: l.items[0]!.id };
    })();
    const tg = w.run('CreateTargetGroup', {
      name: 'group-new',
      type: 'IP',
      config: { protocol: 'HTTP', port: 8080, vpcIdentifier },
    }) as { id: string };
    const { reads } = w.counted(() =>
      w.run('CreateRule', {
        serviceIdentifier,
        listenerIdentifier,
        name: 'new',
        priority: 2,
        match: { httpMatch: { pathMatch: { match: { prefix: '/new' } } } },
        action: forward(tg.id),
      }),
    );
    expect(reads).toBeLessThanOrEqual(10 * w.stored);
  });

  it('still refuses a target group another service forwards to', () => {
    const w = world(2);
    const [first, second] = (w.run('ListServices', {}) as { items: { id: string }[] }).items;
    const listener = (
      w.run('ListListeners', { serviceIdentifier: second!.id }) as { items: { id: string }[] }
    ).items[0]!;
    const groups = (w.run('ListTargetGroups', {}) as { items: { id: string; name: string }[] }).items;
    const firstGroup = groups.find((g) => g.name === 'group-0')!;
    expect(() =>
      w.run('CreateRule', {
        serviceIdentifier: second!.id,
        listenerIdentifier: listener.id,
        name: 'steal',
        priority: 3,
        match: { httpMatch: { pathMatch: { match: { prefix: '/steal' } } } },
        action: forward(firstGroup.id),
      }),
    ).toThrow(`already used by service ${first!.id}`);
  });
});
