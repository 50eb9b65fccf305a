import type { VirtualNodeCrdSpec } from '../schemas/virtual-node.ts';
import { checkListeners } from './listener-rules.ts';
import type { RuleContext } from './rule-context.ts';
import { checkClientPolicy } from './tls-rules.ts';

/** VirtualNode admission rules, plus the App Mesh API rules the controller leaves to a failing API call. */
export function checkVirtualNode(ctx: RuleContext, spec: VirtualNodeCrdSpec, namespace: string): void {
  // The controller's webhook treats even `listeners: []` as "has listeners".
  if (spec.listeners !== undefined && spec.serviceDiscovery === undefined) {
    ctx.fail(['spec', 'serviceDiscovery'], 'serviceDiscovery is required when listeners are set');
  }
  if (spec.serviceDiscovery) {
    ctx.oneOf(spec.serviceDiscovery, ['spec', 'serviceDiscovery'], ['awsCloudMap', 'dns']);
    // The controller crashes registering Cloud Map instances without a listener port; reject it up front.
    if (spec.serviceDiscovery.awsCloudMap && !spec.listeners?.length) {
      ctx.fail(
        ['spec', 'serviceDiscovery', 'awsCloudMap'],
        'Cloud Map service discovery needs at least one listener',
      );
    }
  }
  checkListeners(ctx, spec.listeners);
  checkClientPolicy(ctx, spec.backendDefaults?.clientPolicy, ['spec', 'backendDefaults', 'clientPolicy']);

  const seen = new Map<string, number>();
  spec.backends?.forEach((backend, i) => {
    const path = ['spec', 'backends', i, 'virtualService'];
    const vs = backend.virtualService;
    ctx.refOrArn(vs, path, 'virtualServiceRef', 'virtualServiceARN');
    checkClientPolicy(ctx, vs.clientPolicy, [...path, 'clientPolicy']);
    const key =
      vs.virtualServiceARN ??
      (vs.virtualServiceRef
        ? `${vs.virtualServiceRef.namespace || namespace}/${vs.virtualServiceRef.name}`
        : '');
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) ctx.fail(path, `duplicate backend ${key}, already listed as backends[${first}]`);
    else seen.set(key, i);
  });
}
