import type { PathSegment } from '../../manifests/manifest-object.ts';
import type { NamespacedRef } from '../../manifests/schemas/common.ts';

/**
 * Turns a typed reference or an ARN into the App Mesh name it points at. The implementation records problems
 * (missing referent, other mesh, bad ARN) against `path` and returns a placeholder, so conversion always
 * finishes and every problem of a set is reported in one pass.
 */
export interface RefNames {
  virtualNode(
    target: { virtualNodeRef?: NamespacedRef | undefined; virtualNodeARN?: string | undefined },
    path: readonly PathSegment[],
  ): string;
  virtualService(
    target: { virtualServiceRef?: NamespacedRef | undefined; virtualServiceARN?: string | undefined },
    path: readonly PathSegment[],
  ): string;
  virtualRouter(
    target: { virtualRouterRef?: NamespacedRef | undefined; virtualRouterARN?: string | undefined },
    path: readonly PathSegment[],
  ): string;
}
