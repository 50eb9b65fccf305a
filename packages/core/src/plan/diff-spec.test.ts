import { describe, expect, it } from 'vitest';
import { appliedFieldDiffs, diffSpec } from './diff-spec.ts';

const route = (...targets: Array<{ virtualNode: string; weight: number }>) => ({
  httpRoute: { match: { prefix: '/' }, action: { weightedTargets: targets } },
});

describe('diffSpec on lists', () => {
  it('shows a canary target added to a route as one added item with its weight', () => {
    const diff = diffSpec(
      'Route',
      route({ virtualNode: 'web', weight: 90 }, { virtualNode: 'web-canary', weight: 10 }),
      route({ virtualNode: 'web', weight: 100 }),
    );
    expect(diff).toEqual([
      { path: 'httpRoute.action.weightedTargets[virtualNode=web].weight', expected: 90, actual: 100 },
      {
        path: 'httpRoute.action.weightedTargets[virtualNode=web-canary]',
        expected: { virtualNode: 'web-canary', weight: 10 },
        actual: undefined,
      },
    ]);
  });

  it('shows a removed target as one removed item, whatever its position', () => {
    const diff = diffSpec(
      'Route',
      route({ virtualNode: 'b', weight: 1 }),
      route({ virtualNode: 'a', weight: 1 }, { virtualNode: 'b', weight: 1 }),
    );
    expect(diff).toEqual([
      {
        path: 'httpRoute.action.weightedTargets[virtualNode=a]',
        expected: undefined,
        actual: { virtualNode: 'a', weight: 1 },
      },
    ]);
  });

  it('matches header matches by name and listeners by port and protocol', () => {
    const spec = (headers: unknown[], port: number) => ({
      httpRoute: {
        match: { prefix: '/', headers },
        action: { weightedTargets: [{ virtualNode: 'a', weight: 1 }] },
      },
      listeners: [
        { portMapping: { port: 80, protocol: 'http' } },
        { portMapping: { port, protocol: 'http' }, timeout: { http: { idle: { unit: 's', value: 5 } } } },
      ],
    });
    const diff = diffSpec(
      'Route',
      spec([{ name: 'x-user' }, { name: 'x-canary', match: { exact: 'yes' } }], 9090),
      spec([{ name: 'x-user' }, { name: 'x-beta', match: { exact: 'yes' } }], 8080),
    );
    expect(
      diff.map((d) => [d.path, d.expected === undefined ? '-' : d.actual === undefined ? '+' : '~']),
    ).toEqual([
      ['httpRoute.match.headers[name=x-beta]', '-'],
      ['httpRoute.match.headers[name=x-canary]', '+'],
      ['listeners[portMapping.port=8080,portMapping.protocol=http]', '-'],
      ['listeners[portMapping.port=9090,portMapping.protocol=http]', '+'],
    ]);
  });

  it('compares in place a list whose every item was replaced, and names a reordered list whole', () => {
    const listener = (port: number) => ({ listeners: [{ portMapping: { port, protocol: 'http' } }] });
    expect(diffSpec('VirtualNode', listener(80), listener(8080))).toEqual([
      { path: 'listeners[0].portMapping.port', expected: 80, actual: 8080 },
    ]);
    const a = { virtualNode: 'a', weight: 1 };
    const b = { virtualNode: 'b', weight: 1 };
    expect(diffSpec('Route', route(a, b), route(b, a))).toEqual([
      { path: 'httpRoute.action.weightedTargets', expected: [a, b], actual: [b, a] },
    ]);
  });
});

describe('appliedFieldDiffs', () => {
  const pod = (containers: unknown[]) => ({ spec: { containers } });

  it('ignores items other field managers added and names a changed item by its key', () => {
    expect(
      appliedFieldDiffs(
        pod([{ name: 'app', image: 'web:1' }]),
        pod([
          { name: 'envoy', image: 'envoy:1' },
          { name: 'app', image: 'web:2' },
        ]),
      ),
    ).toEqual([{ path: 'spec.containers[name=app].image', expected: 'web:1', actual: 'web:2' }]);
  });

  it('holds the order an item named by key alone sets (Envoy before the app)', () => {
    const wanted = pod([{ name: 'envoy', image: 'envoy:1' }, { name: 'app' }]);
    expect(appliedFieldDiffs(wanted, pod([{ name: 'envoy', image: 'envoy:1' }, { name: 'app' }]))).toEqual(
      [],
    );
    expect(appliedFieldDiffs(wanted, pod([{ name: 'app' }, { name: 'envoy', image: 'envoy:1' }]))).toEqual([
      { path: 'spec.containers', expected: ['name=envoy', 'name=app'], actual: ['name=app', 'name=envoy'] },
    ]);
  });
});
