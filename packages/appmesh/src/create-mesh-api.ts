import {
  type AppMeshClient,
  ListGatewayRoutesCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualGatewaysCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
  TagResourceCommand,
} from '@aws-sdk/client-app-mesh';
import { isTransient, type RetryOptions, TokenBucket, withRetry } from '@meshcd/aws-call';
import { type MeshApi, MeshcdError, type MeshResourceKind } from '@meshcd/core';
import pLimit from 'p-limit';
import { addressInput, kindCommands } from './kind-commands.ts';
import { nameOf, toObserved } from './to-observed.ts';

export interface MeshApiOptions {
  client: AppMeshClient;
  /** Calls per second per account and region; defaults: 40 reads, 8 writes (the controller's intent). */
  readRate?: number;
  writeRate?: number;
  burst?: number;
  retry?: Partial<RetryOptions>;
  /** Concurrent List calls while observing a mesh. */
  listConcurrency?: number;
  /** Counts every call by operation name, for benchmarks and tests. */
  onCall?: (operation: string) => void;
}

type Input = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: SDK command classes share no usable common type.
type CommandClass = new (input: any) => any;

const notFound = (e: unknown) => (e as { name?: string })?.name === 'NotFoundException';

/** The MeshApi port over the real @aws-sdk/client-app-mesh, throttled and retried. */
export function createMeshApi(options: MeshApiOptions): MeshApi {
  const { client } = options;
  const reads = new TokenBucket(options.readRate ?? 40, options.burst ?? 5);
  const writes = new TokenBucket(options.writeRate ?? 8, options.burst ?? 5);
  const retry: RetryOptions = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 4000, ...options.retry };
  const limit = pLimit(options.listConcurrency ?? 8);

  const call = async <T>(Command: CommandClass, input: Input, kind: 'read' | 'write'): Promise<T> => {
    const operation = Command.name.replace(/Command$/, '');
    try {
      return await withRetry(async () => {
        await (kind === 'read' ? reads : writes).take();
        options.onCall?.(operation);
        return (await client.send(new Command(input))) as T;
      }, retry);
    } catch (error) {
      if (notFound(error)) throw error;
      const e = error as { name?: string; message?: string };
      throw new MeshcdError({
        phase: kind === 'read' ? 'observe' : 'apply',
        reason: e.name ?? 'AppMeshError',
        message: `${operation}: ${e.message ?? String(error)}`,
        retryable: isTransient(error),
        cause: error,
      });
    }
  };

  /** Every item of a paginated List, one call per page. */
  const listAll = async <T>(Command: CommandClass, input: Input, member: string): Promise<T[]> => {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call<Record<string, unknown>>(
        Command,
        { ...input, nextToken: nextToken || undefined },
        'read',
      );
      items.push(...((page[member] as T[]) ?? []));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken);
    return items;
  };

  const listKind = async (kind: MeshResourceKind, Command: CommandClass, member: string, input: Input) =>
    (await listAll<Record<string, unknown>>(Command, input, member)).map((ref) =>
      toObserved(kind, nameOf(kind, ref), ref),
    );

  const data = (kind: MeshResourceKind, output: Record<string, unknown>) => {
    const d = output[kindCommands[kind].output] as Record<string, unknown> & {
      metadata: object;
      spec?: unknown;
    };
    const ref = { ...d.metadata, ...d } as Parameters<typeof toObserved>[2];
    return toObserved(kind, nameOf(kind, d), ref, d.spec ?? {});
  };

  return {
    listMeshes: () => listKind('Mesh', ListMeshesCommand, 'meshes', {}),

    async listMeshResources(meshName, meshOwner, { listChildren = () => true } = {}) {
      const scope = { meshName, meshOwner: meshOwner || undefined };
      const [nodes, routers, services, gateways] = await Promise.all([
        limit(() => listKind('VirtualNode', ListVirtualNodesCommand, 'virtualNodes', scope)),
        limit(() => listKind('VirtualRouter', ListVirtualRoutersCommand, 'virtualRouters', scope)),
        limit(() => listKind('VirtualService', ListVirtualServicesCommand, 'virtualServices', scope)),
        limit(() => listKind('VirtualGateway', ListVirtualGatewaysCommand, 'virtualGateways', scope)),
      ]);
      const [routes, gatewayRoutes] = await Promise.all([
        Promise.all(
          routers
            .filter((r) => listChildren(r))
            .map((r) =>
              limit(() =>
                listKind('Route', ListRoutesCommand, 'routes', { ...scope, virtualRouterName: r.name }),
              ),
            ),
        ),
        Promise.all(
          gateways
            .filter((g) => listChildren(g))
            .map((g) =>
              limit(() =>
                listKind('GatewayRoute', ListGatewayRoutesCommand, 'gatewayRoutes', {
                  ...scope,
                  virtualGatewayName: g.name,
                }),
              ),
            ),
        ),
      ]);
      return [...nodes, ...routers, ...services, ...gateways, ...routes.flat(), ...gatewayRoutes.flat()];
    },

    async describe(resource) {
      try {
        const out = await call<Record<string, unknown>>(
          kindCommands[resource.kind].describe,
          addressInput({ ...resource, meshOwner: resource.meshOwner || undefined }),
          'read',
        );
        return data(resource.kind, out);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },

    async listTags(arn) {
      const tags = await listAll<{ key: string; value: string }>(
        ListTagsForResourceCommand,
        { resourceArn: arn },
        'tags',
      );
      return Object.fromEntries(tags.map((t) => [t.key, t.value]));
    },

    async tag(arn, tags) {
      await call(
        TagResourceCommand,
        { resourceArn: arn, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
        'write',
      );
    },

    async create(desired, { clientToken, tags, meshOwner }) {
      const input = {
        ...addressInput({ ...desired, ...(desired.kind === 'Mesh' ? {} : { meshOwner }) }),
        spec: desired.spec,
        clientToken,
        tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      };
      return data(desired.kind, await call(kindCommands[desired.kind].create, input, 'write'));
    },

    async update(desired, { clientToken, meshOwner }) {
      const input = { ...addressInput({ ...desired, meshOwner }), spec: desired.spec, clientToken };
      return data(desired.kind, await call(kindCommands[desired.kind].update, input, 'write'));
    },

    async delete(resource) {
      try {
        await call(
          kindCommands[resource.kind].delete,
          addressInput({ ...resource, meshOwner: resource.meshOwner || undefined }),
          'write',
        );
      } catch (error) {
        if (!notFound(error)) throw error;
      }
    },
  } satisfies MeshApi;
}
