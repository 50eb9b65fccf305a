import {
  BatchUpdateRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsCommand,
  TagResourceCommand,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { type RetryOptions, TokenBucket } from '@meshcd/aws-call';
import type { LatticeApi } from '@meshcd/core';
import type { ObservedLatticeResource } from '@meshcd/core/ports';
import { addressOf, type CommandClass, kindCommands, parentInput } from './kind-commands.ts';
import { isNotFound, type LatticeCall, latticeCall } from './lattice-call.ts';
import { chunks, targetCalls } from './target-calls.ts';
import { toObserved } from './to-observed.ts';
import { waitFor } from './wait-for.ts';

/** The port's observed resource, as its `get` takes and returns it. */

export interface LatticeApiOptions {
  client: VPCLatticeClient;
  /** Calls per second per account and region: the App Mesh defaults, 40 reads and 8 writes. */
  readRate?: number;
  writeRate?: number;
  burst?: number;
  retry?: Partial<RetryOptions>;
  /** How often Get is asked while a service, target group or association is in progress. */
  pollMs?: number;
  /** Give up waiting for one resource after this long. */
  waitTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Counts every call by operation name, for benchmarks and tests. */
  onCall?: (operation: string) => void;
}

type Answer = Record<string, unknown>;

/**
 * The LatticeApi port over the real @aws-sdk/client-vpc-lattice: token buckets per account and region,
 * jittered retries of throttling and 5xx, every List paged, errors mapped into MeshcdError, and the
 * asynchronous kinds awaited, so a create resolves on ACTIVE and a delete once the resource is gone.
 */
export function createLatticeApi(options: LatticeApiOptions): LatticeApi {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const call: LatticeCall = latticeCall({
    client: options.client,
    reads: new TokenBucket(options.readRate ?? 40, options.burst ?? 5),
    writes: new TokenBucket(options.writeRate ?? 8, options.burst ?? 5),
    retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 4000, ...options.retry },
    onCall: options.onCall,
  });
  const wait = { pollMs: options.pollMs ?? 1000, timeoutMs: options.waitTimeoutMs ?? 300_000, sleep };

  const listAll = async (Command: CommandClass, input: Answer): Promise<Answer[]> => {
    const items: Answer[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call<Answer>(Command, { ...input, nextToken: nextToken || undefined }, 'read');
      items.push(...((page.items as Answer[] | undefined) ?? []));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken);
    return items;
  };

  const get = async (r: ObservedLatticeResource): Promise<ObservedLatticeResource | undefined> => {
    try {
      const out = await call<Answer>(kindCommands[r.kind].get, addressOf(r), 'read');
      if (r.kind === 'AuthPolicy') return authPolicy(r, out);
      return {
        ...toObserved(r.kind, out, { parent: r.parent, withDetail: true }),
        // A spread: tags read with the resource stay when the caller's copy has none.
        ...(r.tags ? { tags: r.tags } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  const settled = (r: ObservedLatticeResource, goal: 'active' | 'gone') =>
    kindCommands[r.kind].asynchronous ? waitFor(r, goal, () => get(r), wait) : Promise.resolve(r);

  const targets = targetCalls(call, (targetGroupIdentifier) =>
    listAll(ListTargetsCommand, { targetGroupIdentifier }),
  );

  return {
    async list(scope) {
      const Command = kindCommands[scope.kind].list;
      if (!Command) return [];
      const input: Record<string, string> = {};
      const parent: ObservedLatticeResource['parent'] = {};
      if ('serviceNetworkId' in scope) {
        input.serviceNetworkIdentifier = scope.serviceNetworkId;
        parent.serviceNetworkId = scope.serviceNetworkId;
      }
      if ('serviceId' in scope) {
        input.serviceIdentifier = scope.serviceId;
        parent.serviceId = scope.serviceId;
      }
      if ('listenerId' in scope) {
        input.listenerIdentifier = scope.listenerId;
        parent.listenerId = scope.listenerId;
      }
      return (await listAll(Command, input)).map((item) => toObserved(scope.kind, item, { parent }));
    },

    get,

    async listTags(arn) {
      const out = await call<{ tags?: Record<string, string> }>(
        ListTagsForResourceCommand,
        { resourceArn: arn },
        'read',
      );
      return { ...(out.tags ?? {}) };
    },

    async tag(arn, tags) {
      await call(TagResourceCommand, { resourceArn: arn, tags }, 'write');
    },

    async create(write, { clientToken, tags }) {
      const input = {
        ...parentInput(write.kind, write.parent),
        ...write.input,
        ...(write.kind === 'AuthPolicy' ? {} : { clientToken, ...(tags ? { tags } : {}) }),
      };
      const out = await call<Answer>(kindCommands[write.kind].create, input, 'write');
      if (write.kind === 'AuthPolicy') {
        const parentId = String(write.input.resourceIdentifier);
        return authPolicy({ kind: 'AuthPolicy', id: parentId, arn: '', name: parentId }, out);
      }
      const created = toObserved(write.kind, out, { parent: write.parent, withDetail: true });
      const ready = await settled(created, 'active');
      // No Create answer carries lastUpdatedAt, the version the inventory records: Get has it, where the kind
      // has one (an asynchronous kind's last look already was that Get). It buys every later run its List-only
      // observation; a kind without a version is observed from its List summary and needs no further read.
      const versioned = kindCommands[write.kind].versioned;
      return ready.lastUpdatedAt !== undefined || !versioned ? ready : ((await get(ready)) ?? ready);
    },

    async update(resource, input) {
      const Command = kindCommands[resource.kind].update;
      if (!Command) throw new Error(`${resource.kind} cannot be updated in place`);
      const out = await call<Answer>(Command, { ...addressOf(resource), ...input }, 'write');
      if (resource.kind === 'AuthPolicy') return authPolicy(resource, out);
      const updated = toObserved(resource.kind, out, { parent: resource.parent, withDetail: true });
      // Not every Update answer carries lastUpdatedAt: Get gives the version the inventory records.
      await settled({ ...resource, ...updated, id: resource.id, arn: resource.arn }, 'active');
      return (await get(resource)) ?? { ...resource, ...updated };
    },

    async setRulePriorities(listener, priorities) {
      for (const batch of chunks(priorities, 10)) {
        const out = await call<{
          unsuccessful?: Array<{ ruleIdentifier?: string; failureMessage?: string }>;
        }>(
          BatchUpdateRuleCommand,
          {
            serviceIdentifier: listener.serviceId,
            listenerIdentifier: listener.listenerId,
            rules: batch.map((p) => ({ ruleIdentifier: p.ruleId, priority: p.priority })),
          },
          'write',
        );
        const refused = out.unsuccessful ?? [];
        if (refused.length > 0)
          throw new Error(
            `BatchUpdateRule refused ${refused.map((u) => `${u.ruleIdentifier}: ${u.failureMessage}`).join('; ')}`,
          );
      }
    },

    async delete(resource) {
      try {
        await call(kindCommands[resource.kind].delete, addressOf(resource), 'write');
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      await settled(resource, 'gone');
    },

    listTargets: targets.list,
    registerTargets: targets.register,
    deregisterTargets: targets.deregister,
  };
}

/** An auth policy as an observed resource: it has no id of its own, so it goes by its parent's. */
function authPolicy(parent: ObservedLatticeResource, out: Answer): ObservedLatticeResource {
  const text = typeof out.policy === 'string' ? out.policy : '';
  let policy: unknown = text;
  try {
    policy = text ? JSON.parse(text) : undefined;
  } catch {
    // A policy that is not JSON is compared as the text it is.
  }
  const lastUpdatedAt = out.lastUpdatedAt instanceof Date ? out.lastUpdatedAt.toISOString() : undefined;
  return {
    kind: 'AuthPolicy',
    id: parent.id,
    arn: parent.arn,
    name: parent.name,
    lastUpdatedAt,
    detail: { policy, state: typeof out.state === 'string' ? out.state : undefined },
  };
}
