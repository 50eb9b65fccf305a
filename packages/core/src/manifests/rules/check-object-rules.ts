import { SELECTOR_OPERATORS } from '../../desired/label-selector.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { AppMeshObject } from '../typed-objects.ts';
import { checkGatewayRoute } from './gateway-route-rules.ts';
import { checkMesh } from './mesh-rules.ts';
import { RuleContext } from './rule-context.ts';
import { checkVirtualGateway } from './virtual-gateway-rules.ts';
import { checkVirtualNode } from './virtual-node-rules.ts';
import { checkVirtualRouter } from './virtual-router-rules.ts';
import { checkVirtualService } from './virtual-service-rules.ts';

/**
 * The per-object rules the controller's validating webhooks enforce, plus the App Mesh API rules it leaves to
 * fail at call time. The fields the webhooks fill in on create (meshRef, virtualGatewayRef) are read-only.
 */
export function checkObjectRules(object: AppMeshObject): Diagnostic[] {
  const ctx = new RuleContext(object.manifest);
  const spec = object.spec as Record<string, unknown>;
  for (const field of ['meshRef', 'virtualGatewayRef']) {
    if (spec[field] !== undefined) {
      ctx.fail(['spec', field], `spec.${field} is read-only: meshcd derives it, remove it from the manifest`);
    }
  }
  for (const field of ['namespaceSelector', 'podSelector', 'gatewayRouteSelector']) {
    const selector = spec[field] as
      | { matchExpressions?: { operator: string; values?: string[] }[] }
      | undefined;
    selector?.matchExpressions?.forEach((e, i) => {
      const path = ['spec', field, 'matchExpressions', i];
      if (!(SELECTOR_OPERATORS as readonly string[]).includes(e.operator)) {
        ctx.fail([...path, 'operator'], `operator must be one of ${SELECTOR_OPERATORS.join(', ')}`);
      } else if ((e.operator === 'In' || e.operator === 'NotIn') !== Boolean(e.values?.length)) {
        ctx.fail(
          [...path, 'values'],
          `values must be ${e.operator === 'In' || e.operator === 'NotIn' ? 'non-empty' : 'empty'} for ${e.operator}`,
        );
      }
    });
  }
  switch (object.kind) {
    case 'Mesh':
      checkMesh(ctx, object.spec);
      break;
    case 'VirtualNode':
      checkVirtualNode(ctx, object.spec, object.namespace);
      break;
    case 'VirtualRouter':
      checkVirtualRouter(ctx, object.spec);
      break;
    case 'VirtualService':
      checkVirtualService(ctx, object.spec);
      break;
    case 'VirtualGateway':
      checkVirtualGateway(ctx, object.spec);
      break;
    case 'GatewayRoute':
      checkGatewayRoute(ctx, object.spec);
      break;
    case 'BackendGroup':
      break;
  }
  return ctx.diagnostics;
}
