import type { VirtualGatewayCrdSpec } from '../schemas/virtual-gateway.ts';
import { checkListeners } from './listener-rules.ts';
import type { RuleContext } from './rule-context.ts';
import { checkClientPolicy } from './tls-rules.ts';

/** A gateway needs listeners (the App Mesh API requires them) and one connection pool protocol per listener. */
export function checkVirtualGateway(ctx: RuleContext, spec: VirtualGatewayCrdSpec): void {
  if (!spec.listeners?.length)
    ctx.fail(['spec', 'listeners'], 'a virtual gateway needs at least one listener');
  checkListeners(ctx, spec.listeners);
  checkClientPolicy(ctx, spec.backendDefaults?.clientPolicy, ['spec', 'backendDefaults', 'clientPolicy']);
}
