import { describe, expect, it } from 'vitest';
import { isLatticeName, latticeName } from './lattice-name.ts';

describe('latticeName', () => {
  it('drops the cluster suffix of a service and turns dots into hyphens', () => {
    expect(latticeName('Service', 'color.howto-k8s-http-headers.svc.cluster.local')).toBe(
      'color-howto-k8s-http-headers',
    );
  });

  it('cuts a name over the limit and ends it in a hash of the full source, the same every time', () => {
    const source = 'color.howto-k8s-envoy-logging-custom-format.svc.cluster.local';
    const name = latticeName('Service', source);
    expect(name).toHaveLength(40);
    expect(name).toMatch(/^color-howto-k8s-envoy-logging-c-[0-9a-f]{8}$/);
    expect(latticeName('Service', source)).toBe(name);
    expect(isLatticeName('Service', name)).toBe(true);
  });

  it('collapses runs of other characters and trims hyphens', () => {
    expect(latticeName('TargetGroup', '__Front_End..v2__')).toBe('front-end-v2');
  });

  it('avoids the reserved prefixes and pads short names', () => {
    expect(latticeName('Service', 'svc-a')).toBe('x-svc-a');
    expect(latticeName('Rule', 'rule-1')).toBe('x-rule-1');
    expect(latticeName('Rule', 'a')).toBe('a-x');
    expect(latticeName('Listener', '!!')).toMatch(/^x-[0-9a-f]{8}$/);
  });

  it('adds the hash when asked to tell two sources apart', () => {
    const a = latticeName('Service', 'a.b', true);
    const b = latticeName('Service', 'a_b', true);
    expect(a).not.toBe(b);
    expect(a.startsWith('a-b-')).toBe(true);
  });
});
