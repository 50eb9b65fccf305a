import { describe, expect, it } from 'vitest';
import type { DesiredMeshMember } from '../desired/desired-state.ts';
import type { ClusterWorkload } from './cluster-workload.ts';
import { matchWorkloads } from './match-workloads.ts';

const member = (objectName: string, podSelector: DesiredMeshMember['podSelector'], kind = 'VirtualNode') =>
  ({
    kind,
    key: `appmesh:shop/${kind}/${objectName}_prod`,
    namespace: 'prod',
    objectName,
    name: `${objectName}_prod`,
    meshName: 'shop',
    ...(podSelector ? { podSelector } : {}),
    listeners: [],
    crdSpec: {},
    source: { ref: { apiVersion: 'v', kind, name: objectName }, location: { file: 'f', line: 1, column: 1 } },
  }) as DesiredMeshMember;

const workload = (
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
  namespace = 'prod',
) =>
  ({
    key: `kube:${namespace}/apps/Deployment/orders`,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace,
    name: 'orders',
    template: { metadata: { labels, annotations }, spec: { containers: [] } },
  }) as ClusterWorkload;

const enabled = () => ({ 'appmesh.k8s.aws/sidecarInjectorWebhook': 'enabled' });

describe('matchWorkloads, as the controller pod webhook decides (§5.1)', () => {
  it('matches a workload to the one VirtualNode whose podSelector selects its pod labels', () => {
    const result = matchWorkloads(
      [
        member('orders', { matchLabels: { app: 'orders' } }),
        member('cart', { matchLabels: { app: 'cart' } }),
      ],
      [workload({ app: 'orders' })],
      enabled,
    );
    expect(result.matches.map((m) => m.member.objectName)).toEqual(['orders']);
    expect(result.issues).toEqual([]);
  });

  it('reads an absent podSelector as selecting nothing and {} as selecting every pod', () => {
    expect(matchWorkloads([member('none', undefined)], [workload({ app: 'x' })], enabled).matches).toEqual(
      [],
    );
    expect(matchWorkloads([member('all', {})], [workload({ app: 'x' })], enabled).matches).toHaveLength(1);
  });

  it('refuses a workload that two VirtualNodes select, naming both', () => {
    const result = matchWorkloads(
      [member('a', {}), member('b', { matchLabels: { app: 'orders' } })],
      [workload({ app: 'orders' })],
      enabled,
    );
    expect(result.matches).toEqual([]);
    expect(result.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'multiple-matching-members',
        key: 'kube:prod/apps/Deployment/orders',
      }),
    ]);
    expect(result.issues[0]!.message).toContain('VirtualNode prod/a and VirtualNode prod/b');
  });

  it('refuses a workload that a VirtualNode and a VirtualGateway both select', () => {
    const result = matchWorkloads(
      [member('a', {}), member('gw', {}, 'VirtualGateway')],
      [workload({})],
      enabled,
    );
    expect(result.issues[0]?.message).toContain('VirtualNode prod/a and VirtualGateway prod/gw');
  });

  it('respects a namespace labelled disabled, and a pod annotation opting in there', () => {
    const disabled = () => ({ 'appmesh.k8s.aws/sidecarInjectorWebhook': 'disabled' });
    expect(matchWorkloads([member('a', {})], [workload({})], disabled).matches).toEqual([]);
    const optIn = workload({}, { 'appmesh.k8s.aws/sidecarInjectorWebhook': 'Enabled' });
    expect(matchWorkloads([member('a', {})], [optIn], disabled).matches).toHaveLength(1);
  });

  it('respects a pod annotation opting out in an enabled namespace', () => {
    const optOut = workload({}, { 'appmesh.k8s.aws/sidecarInjectorWebhook': 'disabled' });
    expect(matchWorkloads([member('a', {})], [optOut], enabled).matches).toEqual([]);
  });

  it('leaves workloads of namespaces without the injector label alone, as they never reach the webhook', () => {
    expect(matchWorkloads([member('a', {})], [workload({})], () => ({ mesh: 'shop' })).matches).toEqual([]);
  });

  it('only matches members of the workload own namespace', () => {
    expect(matchWorkloads([member('a', {})], [workload({}, {}, 'staging')], enabled).matches).toEqual([]);
  });

  it('warns when injection is enabled but nothing selects the pods', () => {
    const result = matchWorkloads(
      [member('a', { matchLabels: { app: 'other' } })],
      [workload({ app: 'orders' })],
      enabled,
    );
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'injection-without-match' }),
    ]);
  });
});
