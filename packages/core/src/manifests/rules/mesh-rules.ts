import type { MeshCrdSpec } from '../schemas/mesh.ts';
import type { RuleContext } from './rule-context.ts';

/** Mesh admission rule: a present meshServiceDiscovery must say which IP family to prefer. */
export function checkMesh(ctx: RuleContext, spec: MeshCrdSpec): void {
  if (spec.meshServiceDiscovery && spec.meshServiceDiscovery.ipPreference === undefined) {
    ctx.fail(
      ['spec', 'meshServiceDiscovery', 'ipPreference'],
      'ipPreference is required: IPv4_ONLY or IPv6_ONLY',
    );
  }
}
