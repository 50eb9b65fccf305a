import { describe, expect, it } from 'vitest';
import { loadManifests } from './load-manifests.ts';
import { validateObjects } from './validate-objects.ts';

const node = (name: string, port: unknown) =>
  `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: shop
spec:
  listeners:
    - portMapping: { port: ${port}, protocol: http }
  serviceDiscovery:
    dns: { hostname: ${name}.shop.svc.cluster.local }
`;

const problems = (count: number) => {
  const files = [{ path: 'bad.yaml', content: node('bad', '"eighty"') }];
  for (let i = 0; i < count - 1; i++) files.push({ path: `n${i}.yaml`, content: node(`n${i}`, 8080) });
  const validated = validateObjects(loadManifests(files).objects, 'default');
  return {
    invalid: [...validated.invalid],
    messages: validated.diagnostics.map((d) => `${d.file}:${d.line} ${d.path} ${d.message}`),
  };
};

describe('schema checks of small and large sets', () => {
  // Large sets check through compiled functions, small ones without: both must find the same problems.
  it('finds the same problems in a set of a few objects and in one of hundreds', () => {
    const small = problems(3);
    const large = problems(150);
    expect(small.invalid).toEqual(['VirtualNode|shop|bad']);
    expect(small.messages).toEqual([
      expect.stringContaining('bad.yaml:8 spec.listeners[0].portMapping.port'),
    ]);
    expect(large).toEqual(small);
  });
});
