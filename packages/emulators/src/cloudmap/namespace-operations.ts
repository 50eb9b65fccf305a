import { submitOperation } from './async-operations.ts';
import { type CloudMapContext, epochSeconds, namespaceById, str } from './cloud-map-context.ts';
import { CloudMapError, invalidInput } from './cloud-map-errors.ts';
import type { NamespaceType, StoredNamespace, Tag } from './cloud-map-state.ts';
import { pageOf } from './page-of.ts';
import { rememberedRequest } from './remembered-request.ts';
import { checkTagCount } from './tag-operations.ts';

const namespaceTypeOf = {
  CreateHttpNamespace: 'HTTP',
  CreatePrivateDnsNamespace: 'DNS_PRIVATE',
  CreatePublicDnsNamespace: 'DNS_PUBLIC',
} as const satisfies Record<string, NamespaceType>;

export type CreateNamespaceOperation = keyof typeof namespaceTypeOf;

/**
 * CreateHttpNamespace, CreatePrivateDnsNamespace, CreatePublicDnsNamespace: asynchronous; the namespace
 * exists once the operation completes. A name is unique per account (a private DNS name per VPC); a
 * replay with the same CreatorRequestId answers the original operation.
 */
export function createNamespace(ctx: CloudMapContext, operation: CreateNamespaceOperation) {
  const type = namespaceTypeOf[operation];
  return rememberedRequest(ctx, operation, () => {
    const name = str(ctx, 'Name') ?? '';
    const vpc = str(ctx, 'Vpc');
    const pending = Object.values(ctx.state.operations)
      .filter((o) => o.effect?.kind === 'create-namespace')
      .map((o) => (o.effect as { namespace: StoredNamespace }).namespace);
    const clash = [...Object.values(ctx.state.namespaces), ...pending].find(
      (n) =>
        n.ResourceOwner === ctx.caller &&
        n.Name.toLowerCase() === name.toLowerCase() &&
        (type !== 'DNS_PRIVATE' || n.Type !== 'DNS_PRIVATE' || namespaceVpc(n) === vpc),
    );
    if (clash)
      throw new CloudMapError('NamespaceAlreadyExists', `Namespace ${name} already exists`, {
        NamespaceId: clash.Id,
        ...(clash.CreatorRequestId ? { CreatorRequestId: clash.CreatorRequestId } : {}),
      });
    const owned = Object.values(ctx.state.namespaces).filter((n) => n.ResourceOwner === ctx.caller).length;
    if (owned + pending.length >= ctx.config.quotas.namespacesPerAccount)
      throw new CloudMapError(
        'ResourceLimitExceeded',
        `The account already has ${ctx.config.quotas.namespacesPerAccount} namespaces`,
      );
    const tags = (ctx.input.Tags as Tag[] | undefined) ?? [];
    checkTagCount(ctx, tags.length, name);
    const id = `ns-${ctx.config.newId(16)}`;
    const properties = (ctx.input.Properties as Record<string, unknown> | undefined) ?? {};
    const namespace: StoredNamespace = {
      Id: id,
      Arn: `arn:aws:servicediscovery:${ctx.config.region}:${ctx.caller}:namespace/${id}`,
      Name: name,
      Type: type,
      ...(str(ctx, 'Description') !== undefined ? { Description: str(ctx, 'Description') } : {}),
      Properties:
        type === 'HTTP'
          ? { HttpProperties: { HttpName: name } }
          : {
              DnsProperties: {
                HostedZoneId: `Z${ctx.config.newId(20).toUpperCase()}`,
                SOA: { TTL: (properties.DnsProperties as { SOA?: { TTL?: number } })?.SOA?.TTL ?? 15 },
              },
              HttpProperties: { HttpName: name },
              ...(vpc ? { vpc } : {}),
            },
      CreateDate: epochSeconds(ctx),
      ...(str(ctx, 'CreatorRequestId') !== undefined
        ? { CreatorRequestId: str(ctx, 'CreatorRequestId') }
        : {}),
      ResourceOwner: ctx.caller,
    };
    const OperationId = submitOperation(
      ctx,
      'CREATE_NAMESPACE',
      { NAMESPACE: id },
      { kind: 'create-namespace', namespace, tags },
    );
    return { OperationId };
  });
}

/** The VPC a private DNS namespace was made for (kept beside its properties, never returned). */
const namespaceVpc = (n: StoredNamespace): string | undefined => (n.Properties as { vpc?: string }).vpc;

/** The namespace as the API returns it. */
export function namespaceView(ctx: CloudMapContext, n: StoredNamespace, summary: boolean) {
  const { vpc: _vpc, ...properties } = n.Properties as { vpc?: string };
  const serviceCount = Object.values(ctx.state.services).filter((s) => s.NamespaceId === n.Id).length;
  const { CreatorRequestId, ...rest } = n;
  return {
    ...rest,
    Properties: properties,
    ServiceCount: serviceCount,
    ...(summary || CreatorRequestId === undefined ? {} : { CreatorRequestId }),
  };
}

export const getNamespace = (ctx: CloudMapContext) => ({
  Namespace: namespaceView(ctx, namespaceById(ctx, str(ctx, 'Id')), false),
});

interface NamespaceFilter {
  Name: 'TYPE' | 'NAME' | 'HTTP_NAME' | 'RESOURCE_OWNER';
  Values: string[];
  Condition?: 'EQ' | 'IN' | 'BETWEEN' | 'BEGINS_WITH';
}

/** ListNamespaces, with the TYPE, NAME and HTTP_NAME filters (EQ, IN, BEGINS_WITH). */
export function listNamespaces(ctx: CloudMapContext) {
  const filters = (ctx.input.Filters as NamespaceFilter[] | undefined) ?? [];
  const matches = (n: StoredNamespace, f: NamespaceFilter): boolean => {
    const value =
      f.Name === 'TYPE'
        ? n.Type
        : f.Name === 'RESOURCE_OWNER'
          ? n.ResourceOwner
          : f.Name === 'NAME'
            ? n.Name
            : ((n.Properties as { HttpProperties?: { HttpName?: string } }).HttpProperties?.HttpName ?? '');
    const condition = f.Condition ?? 'EQ';
    if (condition === 'BETWEEN') throw invalidInput(`${f.Name} filters do not take BETWEEN`);
    if (condition === 'BEGINS_WITH') return f.Values.some((v) => value.startsWith(v));
    if (condition === 'EQ' && f.Values.length !== 1) throw invalidInput('EQ takes exactly one value');
    return f.Values.includes(value);
  };
  const all = Object.values(ctx.state.namespaces).filter(
    (n) => n.ResourceOwner === ctx.caller && filters.every((f) => matches(n, f)),
  );
  const page = pageOf(ctx, all, (n) => n.Id, 'namespaces');
  return {
    Namespaces: page.items.map((n) => namespaceView(ctx, n, true)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** DeleteNamespace: refused while services remain; otherwise an asynchronous operation. */
export function deleteNamespace(ctx: CloudMapContext) {
  const ns = namespaceById(ctx, str(ctx, 'Id'));
  if (Object.values(ctx.state.services).some((s) => s.NamespaceId === ns.Id))
    throw new CloudMapError('ResourceInUse', `Namespace ${ns.Id} still contains services`);
  const OperationId = submitOperation(
    ctx,
    'DELETE_NAMESPACE',
    { NAMESPACE: ns.Id },
    { kind: 'delete-namespace', namespaceId: ns.Id },
  );
  return { OperationId };
}

/** UpdateHttpNamespace, UpdatePrivateDnsNamespace, UpdatePublicDnsNamespace: the description and SOA TTL. */
export function updateNamespace(ctx: CloudMapContext, type: NamespaceType) {
  const ns = namespaceById(ctx, str(ctx, 'Id'));
  if (ns.Type !== type) throw invalidInput(`Namespace ${ns.Id} is of type ${ns.Type}, not ${type}`);
  const change = (ctx.input.Namespace as Record<string, unknown> | undefined) ?? {};
  const changes: Record<string, unknown> = {};
  if (typeof change.Description === 'string') changes.Description = change.Description;
  const ttl = (change.Properties as { DnsProperties?: { SOA?: { TTL?: number } } } | undefined)?.DnsProperties
    ?.SOA?.TTL;
  if (ttl !== undefined) {
    const dns = (ns.Properties as { DnsProperties?: Record<string, unknown> }).DnsProperties ?? {};
    changes.Properties = { ...ns.Properties, DnsProperties: { ...dns, SOA: { TTL: ttl } } };
  }
  const OperationId = submitOperation(
    ctx,
    'UPDATE_NAMESPACE',
    { NAMESPACE: ns.Id },
    { kind: 'update-namespace', namespaceId: ns.Id, changes },
  );
  return { OperationId };
}
