import type { VirtualGatewayCrdSpec } from '../schemas/virtual-gateway.ts';
import { checkListeners } from './listener-rules.ts';
import type { RuleContext } from './rule-context.ts';
import { checkClientPolicy } from './tls-rules.ts';

/** A gateway needs listeners (the App Mesh API requires them) and one connection pool protocol per listener. */
export function checkVirtualGateway(ctx: RuleContext, spec: VirtualGatewayCrdSpec): void {
  if (!spec.listeners?.length)
    ctx.fail(['spec', 'listeners'], 'a virtual gateway needs at least one listener');
  checkListeners(ctx, spec.listeners);
  spec.listeners?.forEach((listener, i) => {
    // Optional in the CRD but required by the API: the controller sends 0 and the call fails.
    if (listener.healthCheck && listener.healthCheck.healthyThreshold === undefined) {
      ctx.fail(
        ['spec', 'listeners', i, 'healthCheck', 'healthyThreshold'],
        'healthyThreshold is required (2 to 10)',
      );
    }
  });
  checkClientPolicy(ctx, spec.backendDefaults?.clientPolicy, ['spec', 'backendDefaults', 'clientPolicy']);
}
