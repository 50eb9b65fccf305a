import { randomBytes } from 'node:crypto';
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  GetInstancesHealthStatusCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  type NamespaceSummary,
  RegisterInstanceCommand,
  type ServiceDiscoveryClient,
  type ServiceSummary,
  UpdateInstanceCustomHealthStatusCommand,
} from '@aws-sdk/client-servicediscovery';
import { isTransient, type RetryOptions, withRetry } from '@meshcd/aws-call';
import { type CloudMapApi, MeshcdError } from '@meshcd/core';
import type { CloudMapHealth } from '@meshcd/core/ports';
import { toNamespace, toService } from './cloud-map-summaries.ts';

export interface CloudMapApiOptions {
  client: ServiceDiscoveryClient;
  retry?: Partial<RetryOptions>;
  /** How often GetOperation is asked while an operation runs (the controller polled every 3 s). */
  pollMs?: number;
  /** Give up waiting for one operation after this long. */
  operationTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const nameOf = (e: unknown) => (e as { name?: string })?.name;
const transient = (e: unknown) => isTransient(e) || nameOf(e) === 'RequestLimitExceeded';

/**
 * The CloudMapApi port over the real @aws-sdk/client-servicediscovery: pages every list, retries
 * throttling and 5xx with jittered backoff, and turns the asynchronous register and deregister into calls
 * that resolve when GetOperation says SUCCESS. A write refused because another operation on the same
 * instance is running waits for that one and tries again.
 */
export function createCloudMapApi(options: CloudMapApiOptions): CloudMapApi {
  const { client } = options;
  const retry: RetryOptions = {
    maxAttempts: 8,
    baseDelayMs: 50,
    maxDelayMs: 4000,
    ...options.retry,
    // A spread: without its own sleep the caller's retry options keep theirs.
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.operationTimeoutMs ?? 60_000;

  // biome-ignore lint/suspicious/noExplicitAny: SDK commands share no usable common type.
  const send = async <T>(command: any, action: string): Promise<T> => {
    try {
      return await withRetry(() => client.send(command) as Promise<T>, { ...retry, isTransient: transient });
    } catch (error) {
      throw new MeshcdError({
        phase: 'endpoints',
        reason: nameOf(error) ?? 'cloudmap-error',
        retryable: transient(error),
        message: `Cloud Map ${action}: ${(error as Error).message}`,
        cause: error,
      });
    }
  };

  const waitFor = async (operationId: string, action: string): Promise<void> => {
    for (let waited = 0; ; waited += pollMs) {
      const { Operation } = await send<{
        Operation?: { Status?: string; ErrorMessage?: string; ErrorCode?: string };
      }>(new GetOperationCommand({ OperationId: operationId }), `GetOperation for ${action}`);
      if (Operation?.Status === 'SUCCESS') return;
      if (Operation?.Status === 'FAIL')
        throw new MeshcdError({
          phase: 'endpoints',
          reason: Operation.ErrorCode ?? 'operation-failed',
          retryable: true,
          message: `Cloud Map ${action} failed: ${Operation.ErrorMessage ?? 'no reason given'}`,
        });
      if (waited >= timeoutMs)
        throw new MeshcdError({
          phase: 'endpoints',
          reason: 'operation-timeout',
          retryable: true,
          message: `Cloud Map ${action}: operation ${operationId} still ${Operation?.Status} after ${timeoutMs} ms`,
        });
      await sleep(pollMs);
    }
  };

  /** Runs an asynchronous write and waits for it; a DuplicateRequest waits for the running one first. */
  const operate = async (command: () => unknown, action: string, gone?: string): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { OperationId } = await send<{ OperationId?: string }>(command(), action);
        if (OperationId) await waitFor(OperationId, action);
        return;
      } catch (error) {
        const cause =
          error instanceof MeshcdError ? (error.cause as Record<string, unknown> | undefined) : undefined;
        if (gone && error instanceof MeshcdError && error.reason === gone) return;
        const running = cause?.DuplicateOperationId;
        if (attempt < 3 && typeof running === 'string') {
          await waitFor(running, `${action} (after the running operation)`).catch(() => undefined);
          continue;
        }
        throw error;
      }
    }
  };

  const pages = async <T>(
    fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>,
  ): Promise<T[]> => {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const page = await fetch(token);
      out.push(...(page.items ?? []));
      token = page.next;
    } while (token);
    return out;
  };

  return {
    async findNamespace(name) {
      const all = await pages<NamespaceSummary>(async (NextToken) => {
        const r = await send<{ Namespaces?: NamespaceSummary[]; NextToken?: string }>(
          new ListNamespacesCommand({
            NextToken,
            Filters: [{ Name: 'NAME', Values: [name], Condition: 'EQ' }],
          }),
          `list namespaces named ${name}`,
        );
        return { items: r.Namespaces, next: r.NextToken };
      });
      const found = all.find((n) => n.Name === name);
      return found ? toNamespace(found) : undefined;
    },

    async createNamespace(name, { vpc, tags, creatorRequestId }) {
      const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      const create = async (requestId: string) => {
        const command = vpc
          ? new CreatePrivateDnsNamespaceCommand({ Name: name, Vpc: vpc, Tags, CreatorRequestId: requestId })
          : new CreateHttpNamespaceCommand({ Name: name, Tags, CreatorRequestId: requestId });
        const { OperationId } = await send<{ OperationId: string }>(command, `create namespace ${name}`);
        await waitFor(OperationId, `create namespace ${name}`);
        const { Operation } = await send<{ Operation?: { Targets?: Record<string, string> } }>(
          new GetOperationCommand({ OperationId }),
          `GetOperation for namespace ${name}`,
        );
        const { Namespace } = await send<{ Namespace: NamespaceSummary }>(
          new GetNamespaceCommand({ Id: Operation?.Targets?.NAMESPACE }),
          `get namespace ${name}`,
        );
        return toNamespace(Namespace);
      };
      try {
        return await create(creatorRequestId);
      } catch (error) {
        // Cloud Map answers a request id it has seen with that request's operation: when the namespace
        // it made was deleted since, the answer names a namespace that is gone. Ask once more as a new
        // request, so a namespace deleted by hand is made again.
        if (!(error instanceof MeshcdError && error.reason === 'NamespaceNotFound')) throw error;
        return create(`${creatorRequestId}-${randomBytes(4).toString('hex')}`);
      }
    },

    async findService(namespaceId, name) {
      const all = await pages<ServiceSummary>(async (NextToken) => {
        const r = await send<{ Services?: ServiceSummary[]; NextToken?: string }>(
          new ListServicesCommand({
            NextToken,
            Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }],
          }),
          `list services of ${namespaceId}`,
        );
        return { items: r.Services, next: r.NextToken };
      });
      const found = all.find((s) => s.Name === name);
      return found ? toService(found, namespaceId) : undefined;
    },

    async createService(input) {
      const { Service } = await send<{ Service: ServiceSummary & { NamespaceId?: string } }>(
        new CreateServiceCommand({
          Name: input.name,
          NamespaceId: input.namespace.id,
          CreatorRequestId: input.creatorRequestId,
          ...(input.dns
            ? {
                DnsConfig: {
                  RoutingPolicy: 'MULTIVALUE',
                  DnsRecords: [{ Type: input.dns.recordType, TTL: input.dns.ttl }],
                },
              }
            : {}),
          HealthCheckCustomConfig: input.customHealth ? { FailureThreshold: 1 } : undefined,
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
        `create service ${input.name} in ${input.namespace.name}`,
      );
      return toService(Service, input.namespace.id);
    },

    async deleteService(serviceId) {
      try {
        await send(new DeleteServiceCommand({ Id: serviceId }), `delete service ${serviceId}`);
      } catch (error) {
        if (error instanceof MeshcdError && error.reason === 'ServiceNotFound') return;
        throw error;
      }
    },

    async listTags(arn) {
      const { Tags } = await send<{ Tags?: Array<{ Key?: string; Value?: string }> }>(
        new ListTagsForResourceCommand({ ResourceARN: arn }),
        `list tags of ${arn}`,
      );
      return Object.fromEntries((Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    },

    async listInstances(serviceId) {
      const all = await pages<{ Id?: string; Attributes?: Record<string, string> }>(async (NextToken) => {
        const r = await send<{
          Instances?: Array<{ Id?: string; Attributes?: Record<string, string> }>;
          NextToken?: string;
        }>(new ListInstancesCommand({ ServiceId: serviceId, NextToken }), `list instances of ${serviceId}`);
        return { items: r.Instances, next: r.NextToken };
      });
      return all.map((i) => ({ id: i.Id ?? '', attributes: { ...(i.Attributes ?? {}) } }));
    },

    registerInstance: (serviceId, instanceId, attributes) =>
      operate(
        () =>
          new RegisterInstanceCommand({
            ServiceId: serviceId,
            InstanceId: instanceId,
            Attributes: attributes,
          }),
        `register ${instanceId} in ${serviceId}`,
      ),

    deregisterInstance: (serviceId, instanceId) =>
      operate(
        () => new DeregisterInstanceCommand({ ServiceId: serviceId, InstanceId: instanceId }),
        `deregister ${instanceId} from ${serviceId}`,
        'InstanceNotFound',
      ),

    async health(serviceId) {
      const out: Record<string, CloudMapHealth> = {};
      let NextToken: string | undefined;
      do {
        const r = await send<{ Status?: Record<string, string>; NextToken?: string }>(
          new GetInstancesHealthStatusCommand({ ServiceId: serviceId, NextToken }),
          `health of ${serviceId}`,
        );
        Object.assign(out, r.Status ?? {});
        NextToken = r.NextToken;
      } while (NextToken);
      return out;
    },

    async setHealth(serviceId, instanceId, status) {
      await send(
        new UpdateInstanceCustomHealthStatusCommand({
          ServiceId: serviceId,
          InstanceId: instanceId,
          Status: status,
        }),
        `report ${instanceId} ${status} in ${serviceId}`,
      );
    },
  };
}
