import { paginate } from '../aws-common/paginate.ts';
import { formatArn } from './arn.ts';
import { assertDeletable } from './deletion-rules.ts';
import { AppMeshError, badRequest, forbidden } from './errors.ts';
import {
  childIn,
  type OperationContext,
  requireDeleter,
  requireResourceOwner,
  requireValidBody,
  str,
  visibleMesh,
} from './operation-context.ts';
import { assertBackendQuota, assertCreateQuota } from './quotas.ts';
import { checkReferences } from './reference-rules.ts';
import { toData, toRef } from './render-resource.ts';
import { type KindInfo, kinds, type Verb } from './resource-kinds.ts';
import { serviceFilledSpec } from './service-fills.ts';
import { keyOf, meshKey, resourceKey, type StoredResource, type TagRef } from './service-state.ts';
import { specRuleViolations } from './spec-rules.ts';

type Output = Record<string, unknown>;

/** The mesh, parent and (unless creating or listing) the resource a call addresses, resolved in URI order. */
interface Target {
  mesh?: StoredResource;
  parent?: StoredResource;
  resource?: StoredResource;
}

function resolve(ctx: OperationContext, info: KindInfo, verb: Verb): Target {
  const meshName = str(ctx, 'meshName') as string;
  if (info.kind === 'mesh') {
    if (verb === 'Create' || verb === 'List') return {};
    return { resource: visibleMesh(ctx, meshName, str(ctx, 'meshOwner')) };
  }
  const mesh = visibleMesh(ctx, meshName, str(ctx, 'meshOwner'));
  const parentInfo = info.parent ? kinds[info.parent] : undefined;
  const parent = parentInfo
    ? childIn(ctx, mesh, parentInfo.kind, parentInfo.label, str(ctx, parentInfo.nameMember) as string)
    : undefined;
  if (verb === 'Create' || verb === 'List') return { mesh, parent };
  const resource = childIn(
    ctx,
    mesh,
    info.kind,
    info.label,
    str(ctx, info.nameMember) as string,
    parent?.name,
  );
  return { mesh, parent, resource };
}

/** Model and spec rules, which the service checks once it knows the addressed resources exist. */
function validateSpec(ctx: OperationContext, info: KindInfo, spec: Record<string, unknown>): void {
  requireValidBody(ctx);
  const broken = specRuleViolations(info.kind, spec);
  if (broken.length > 0) throw badRequest(broken.join('; '));
}

/** Runs one resource operation; Create, Describe, Update and Delete answer `{<kind>: <Kind>Data}`, as the model names it. */
export function runResourceOperation(ctx: OperationContext, verb: Verb, info: KindInfo): Output {
  const target = resolve(ctx, info, verb);
  const wrap = (data: Output): Output => ({ [info.kind]: data });
  switch (verb) {
    case 'Create':
      return wrap(create(ctx, info, target));
    case 'Describe':
      return wrap(toData(target.resource as StoredResource));
    case 'Update':
      return wrap(update(ctx, info, target.resource as StoredResource, target));
    case 'Delete':
      return wrap(remove(ctx, target.resource as StoredResource));
    case 'List':
      return list(ctx, info, target);
  }
}

function create(ctx: OperationContext, info: KindInfo, target: Target): Output {
  const { config, state, caller } = ctx;
  const name = str(ctx, info.nameMember) as string;
  const mesh = target.mesh;
  // Only the mesh owner can create virtual gateways and gateway routes (§5.6).
  if (mesh && (info.kind === 'virtualGateway' || info.kind === 'gatewayRoute') && mesh.meshOwner !== caller)
    throw forbidden(`Only the mesh owner ${mesh.meshOwner} can create a ${info.label}`);
  const spec = (ctx.input.spec as Record<string, unknown> | undefined) ?? {};
  validateSpec(ctx, info, spec);
  const meshOwner = mesh?.meshOwner ?? caller;
  const meshName = mesh?.meshName ?? name;
  const key = resourceKey(info.kind, meshOwner, meshName, name, target.parent?.name);
  if (state.resources[key]) {
    const where = mesh ? ` under mesh ${meshName}` : '';
    throw new AppMeshError(
      config.behaviours.duplicateNameError,
      `${info.label} with name ${name} already exists${where}`,
    );
  }
  assertCreateQuota(state, config.quotas, info.kind, { meshOwner, meshName }, target.parent?.name);
  if (info.kind === 'virtualNode') assertBackendQuota(config.quotas, spec);
  if (mesh) checkReferences(ctx, mesh, info.kind, spec, target.parent, undefined);
  const now = config.now();
  const resource: StoredResource = {
    kind: info.kind,
    meshOwner,
    meshName,
    ...(target.parent ? { parentName: target.parent.name } : {}),
    name,
    resourceOwner: caller,
    arn: formatArn({
      region: config.region,
      account: caller,
      meshName,
      kind: info.kind,
      name,
      ...(target.parent ? { parentName: target.parent.name } : {}),
    }),
    uid: config.newUid(),
    version: 1,
    createdAt: now,
    lastUpdatedAt: now,
    spec: serviceFilledSpec(info.kind, spec),
    tags: ((ctx.input.tags as TagRef[] | undefined) ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
  state.resources[key] = resource;
  return toData(resource);
}

function update(ctx: OperationContext, info: KindInfo, r: StoredResource, target: Target): Output {
  const { config } = ctx;
  requireResourceOwner(ctx, r, 'update');
  const sent = ctx.input.spec as Record<string, unknown> | undefined;
  const spec = sent ?? (config.behaviours.updateMeshWithoutSpec === 'keep' ? r.spec : {});
  validateSpec(ctx, info, spec);
  if (info.kind === 'virtualNode') assertBackendQuota(config.quotas, spec);
  if (target.mesh) checkReferences(ctx, target.mesh, info.kind, spec, target.parent, r);
  const stored = serviceFilledSpec(info.kind, spec);
  const changed = JSON.stringify(stored) !== JSON.stringify(r.spec);
  if (!changed && !config.behaviours.bumpVersionOnNoopUpdate) return toData(r);
  r.spec = stored;
  r.version += 1;
  r.lastUpdatedAt = config.now();
  return toData(r);
}

function remove(ctx: OperationContext, r: StoredResource): Output {
  const { state, config } = ctx;
  requireDeleter(ctx, r);
  assertDeletable(state, r, config.behaviours);
  delete state.resources[keyOf(r)];
  if (r.kind === 'mesh') delete state.shares[meshKey(r.meshOwner, r.meshName)];
  // The response carries the deletion time; tags go with the resource.
  const gone: StoredResource = {
    ...r,
    lastUpdatedAt: config.now(),
    version: r.kind !== 'mesh' && config.behaviours.deleteBumpsVersion ? r.version + 1 : r.version,
  };
  return toData(gone, 'DELETED');
}

function list(ctx: OperationContext, info: KindInfo, target: Target): Output {
  const all = Object.values(ctx.state.resources).filter((r) => {
    if (r.kind !== info.kind) return false;
    if (info.kind === 'mesh') return r.meshOwner === ctx.caller || isSharedWith(ctx, r);
    return (
      r.meshOwner === target.mesh?.meshOwner &&
      r.meshName === target.mesh.meshName &&
      (target.parent === undefined || r.parentName === target.parent.name)
    );
  });
  const scope = [
    ctx.caller,
    info.kind,
    target.mesh ? keyOf(target.mesh) : '',
    target.parent?.name ?? '',
  ].join('|');
  const page = paginate(all, (r) => `${r.name}\u0000${r.meshOwner}`, {
    limit: ctx.input.limit as number | undefined,
    nextToken: str(ctx, 'nextToken'),
    scope,
    defaultLimit: 100,
    invalidToken: badRequest,
  });
  return {
    [info.listMember]: page.items.map(toRef),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

const isSharedWith = (ctx: OperationContext, mesh: StoredResource): boolean =>
  (ctx.state.shares[meshKey(mesh.meshOwner, mesh.meshName)] ?? []).includes(ctx.caller);
