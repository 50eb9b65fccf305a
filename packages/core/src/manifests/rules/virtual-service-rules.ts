import type { VirtualServiceCrdSpec } from '../schemas/virtual-service.ts';
import type { RuleContext } from './rule-context.ts';

/** A virtual service has at most one provider (none is legal), named by exactly one of reference or ARN. */
export function checkVirtualService(ctx: RuleContext, spec: VirtualServiceCrdSpec): void {
  const provider = spec.provider;
  if (!provider) return;
  ctx.oneOf(provider, ['spec', 'provider'], ['virtualNode', 'virtualRouter']);
  if (provider.virtualNode) {
    ctx.refOrArn(
      provider.virtualNode,
      ['spec', 'provider', 'virtualNode'],
      'virtualNodeRef',
      'virtualNodeARN',
    );
  }
  if (provider.virtualRouter) {
    ctx.refOrArn(
      provider.virtualRouter,
      ['spec', 'provider', 'virtualRouter'],
      'virtualRouterRef',
      'virtualRouterARN',
    );
  }
}
