import type { VirtualServiceSpec } from '@aws-sdk/client-app-mesh';
import type { VirtualServiceCrdSpec } from '../../manifests/schemas/virtual-service.ts';
import type { RefNames } from './ref-names.ts';

/** VirtualService spec: the provider, by the referent's App Mesh name. No provider is legal. */
export function convertVirtualService(spec: VirtualServiceCrdSpec, names: RefNames): VirtualServiceSpec {
  const p = spec.provider;
  if (p?.virtualNode) {
    return {
      provider: {
        virtualNode: {
          virtualNodeName: names.virtualNode(p.virtualNode, ['spec', 'provider', 'virtualNode']),
        },
      },
    };
  }
  if (p?.virtualRouter) {
    return {
      provider: {
        virtualRouter: {
          virtualRouterName: names.virtualRouter(p.virtualRouter, ['spec', 'provider', 'virtualRouter']),
        },
      },
    };
  }
  return {};
}
