import { describe, expect, it } from 'vitest';
import type { CloudMapMember } from '../endpoints/endpoint-members.ts';
import { podEndpoint } from '../endpoints/pod-endpoint.ts';
import type { KubeLiveObject } from '../ports/cluster-api.ts';
import { inSubset, instanceAttributes, nodeTopology } from './instance-attributes.ts';

const member = {
  key: 'appmesh:m/VirtualNode/blue_ns',
  kind: 'VirtualNode',
  namespace: 'ns',
  objectName: 'blue',
  name: 'blue_ns',
  meshName: 'm',
  podSelector: { matchLabels: { app: 'color' } },
  listeners: [{ port: 8080, protocol: 'http' }],
  cloudMap: {
    namespaceName: 'ns.local',
    serviceName: 'color',
    attributes: [{ key: 'app', value: 'overridden' }],
  },
} as unknown as CloudMapMember;

const pod = (
  status: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
) =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'color-1', namespace: 'ns', labels: { app: 'color', version: 'blue' }, ...metadata },
    spec,
    status,
  }) as unknown as KubeLiveObject;

const ready = { podIP: '10.0.0.7', conditions: [{ type: 'ContainersReady', status: 'True' }] };

describe('instance attributes and pod endpoints, as the controller builds them', () => {
  it('layers pod labels, node attributes, address, first listener port, pod, namespace, mesh, node and topology', () => {
    const endpoint = podEndpoint(pod(ready, {}, { nodeName: 'n1' }))!;
    const attributes = instanceAttributes(
      member,
      endpoint,
      { ipv6: false },
      nodeTopology({
        'topology.kubernetes.io/region': 'us-west-2',
        'failure-domain.beta.kubernetes.io/zone': 'us-west-2a',
      }),
    );
    expect(attributes).toEqual({
      app: 'overridden',
      version: 'blue',
      AWS_INSTANCE_IPV4: '10.0.0.7',
      AWS_INSTANCE_PORT: '8080',
      'k8s.io/pod': 'color-1',
      'k8s.io/namespace': 'ns',
      'appmesh.k8s.aws/mesh': 'm',
      'appmesh.k8s.aws/virtualNode': 'blue_ns',
      REGION: 'us-west-2',
      AVAILABILITY_ZONE: 'us-west-2a',
    });
    expect(inSubset(member, attributes)).toBe(true);
    expect(inSubset({ ...member, name: 'red_ns' }, attributes)).toBe(false);
  });

  it('has no port attribute for a node without listeners, where the controller panicked', () => {
    const attributes = instanceAttributes(
      { ...member, listeners: [] },
      podEndpoint(pod(ready))!,
      { ipv6: true },
      undefined,
    );
    expect(attributes.AWS_INSTANCE_PORT).toBeUndefined();
    expect(attributes.AWS_INSTANCE_IPV6).toBe('10.0.0.7');
  });

  it('reads readiness from ContainersReady, not Ready, and skips terminating and IP-less pods', () => {
    expect(podEndpoint(pod(ready))?.ready).toBe(true);
    const gated = {
      podIP: '10.0.0.7',
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'False' },
      ],
    };
    expect(podEndpoint(pod(gated))?.ready).toBe(false);
    expect(podEndpoint(pod(ready, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBeUndefined();
    expect(podEndpoint(pod({ conditions: ready.conditions }))).toBeUndefined();
  });

  it('drops a finished pod that will not become ready, per its restart policy', () => {
    const failed = { podIP: '10.0.0.7', phase: 'Failed', conditions: [] };
    expect(podEndpoint(pod(failed, {}, { restartPolicy: 'Never' }))).toBeUndefined();
    expect(podEndpoint(pod(failed, {}, { restartPolicy: 'OnFailure' }))?.ready).toBe(false);
    expect(
      podEndpoint(pod({ ...failed, phase: 'Succeeded' }, {}, { restartPolicy: 'OnFailure' })),
    ).toBeUndefined();
    expect(podEndpoint(pod({ ...failed, phase: 'Succeeded' }, {}, { restartPolicy: 'Always' }))?.ready).toBe(
      false,
    );
  });
});
