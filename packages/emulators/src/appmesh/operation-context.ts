import { AppMeshError, badRequest, notFound } from './errors.ts';
import type { AppMeshServiceConfig } from './service-config.ts';
import { type AppMeshState, meshKey, resourceKey, type StoredResource } from './service-state.ts';
import { describeViolations, type Violation } from './validate-input.ts';

/** What one operation works with: the state, the caller's account, its input and the deferred body checks. */
export interface OperationContext {
  readonly state: AppMeshState;
  readonly config: AppMeshServiceConfig;
  readonly caller: string;
  readonly input: Record<string, unknown>;
  /** Model violations in the JSON body, raised only once the addressed resources are known to exist (§5 rule 2). */
  readonly bodyViolations: readonly Violation[];
}

export const str = (ctx: OperationContext, member: string): string | undefined => {
  const v = ctx.input[member];
  return typeof v === 'string' ? v : undefined;
};

/** Raises the body's model violations, if any, as one BadRequest. */
export function requireValidBody(ctx: OperationContext): void {
  if (ctx.bodyViolations.length > 0) throw badRequest(describeViolations(ctx.bodyViolations));
}

/**
 * The mesh a mesh-scoped call addresses: owned by `meshOwner` (default: the caller) and visible to the
 * caller, that is owned by it or shared with it (§10).
 */
export function visibleMesh(ctx: OperationContext, meshName: string, meshOwner?: string): StoredResource {
  const owner = meshOwner ?? ctx.caller;
  const mesh = ctx.state.resources[meshKey(owner, meshName)];
  const missing = () => notFound(`Mesh with name ${meshName} is not present for account ${owner}`);
  if (!mesh) throw missing();
  if (owner !== ctx.caller && !(ctx.state.shares[meshKey(owner, meshName)] ?? []).includes(ctx.caller)) {
    const type = ctx.config.behaviours.unsharedMeshError;
    throw type === 'NotFoundException'
      ? missing()
      : new AppMeshError(
          type,
          `Mesh ${meshName} of account ${owner} is not shared with account ${ctx.caller}`,
        );
  }
  return mesh;
}

/** A resource inside a mesh, or NotFound in the service's words. */
export function childIn(
  ctx: OperationContext,
  mesh: StoredResource,
  kind: StoredResource['kind'],
  label: string,
  name: string,
  parentName?: string,
): StoredResource {
  const found = ctx.state.resources[resourceKey(kind, mesh.meshOwner, mesh.meshName, name, parentName)];
  if (!found) {
    throw notFound(
      `${label} with name ${name} is not present under mesh ${mesh.meshName} for account ${mesh.meshOwner}`,
    );
  }
  return found;
}

/** Owners and consumers may modify only what their own account created (§10). */
export function requireResourceOwner(ctx: OperationContext, r: StoredResource, action: string): void {
  if (r.resourceOwner !== ctx.caller) throw denied(ctx, r, action);
}

/** Consumers delete their own resources; the mesh owner may delete any resource in its mesh (§10). */
export function requireDeleter(ctx: OperationContext, r: StoredResource): void {
  if (r.resourceOwner !== ctx.caller && r.meshOwner !== ctx.caller) throw denied(ctx, r, 'delete');
}

export function denied(ctx: OperationContext, r: StoredResource, action: string): AppMeshError {
  const type = ctx.config.behaviours.crossAccountDenial;
  return new AppMeshError(
    type,
    type === 'NotFoundException'
      ? `${r.name} is not present for account ${ctx.caller}`
      : `Account ${ctx.caller} is not allowed to ${action} ${r.arn}, owned by account ${r.resourceOwner}`,
  );
}
