import { MeshcdError } from './errors/meshcd-error.ts';
import type { Target } from './target.ts';

/**
 * App Mesh steps take only targets that chose App Mesh (or no provider). A target that chose another
 * provider is refused before any call: meshcd never writes to a service the target did not choose, so a
 * path that has no route to the target's provider stops here instead of falling back to App Mesh.
 */
export function requireAppMesh(target: Target, step: string): void {
  const provider = target.provider ?? 'appmesh';
  if (provider === 'appmesh') return;
  throw new MeshcdError({
    phase: 'config',
    reason: 'provider-unsupported',
    message: `target '${target.id}' has provider '${provider}', which ${step} does not support: nothing was applied to App Mesh`,
  });
}
