import { CloudMapError, invalidInput } from './cloud-map-errors.ts';
import type { CloudMapState, StoredNamespace, StoredService } from './cloud-map-state.ts';

/** Limits the emulator enforces; the defaults are Cloud Map's documented quotas. */
export interface CloudMapQuotas {
  namespacesPerAccount: number;
  instancesPerService: number;
  attributesPerInstance: number;
  tagsPerResource: number;
  serviceAttributesPerService: number;
}

export const defaultCloudMapQuotas: CloudMapQuotas = {
  namespacesPerAccount: 50,
  instancesPerService: 1000,
  attributesPerInstance: 30,
  tagsPerResource: 50,
  serviceAttributesPerService: 30,
};

export interface CloudMapServiceConfig {
  region: string;
  /** Epoch milliseconds. */
  now(): number;
  /** A fresh random id of `length` lower-case letters and digits. */
  newId(length: number): string;
  /** How long asynchronous operations (namespaces, instances, service updates) stay SUBMITTED. */
  readonly operationDelayMs: number;
  /** How long a custom health status takes to come into force (Cloud Map documents about 30 s). */
  readonly customHealthDelayMs: number;
  readonly quotas: CloudMapQuotas;
}

/** What one operation works with: the state, the caller's account and its input. */
export interface CloudMapContext {
  readonly state: CloudMapState;
  readonly config: CloudMapServiceConfig;
  readonly caller: string;
  readonly input: Record<string, unknown>;
}

export const str = (ctx: CloudMapContext, member: string): string | undefined => {
  const v = ctx.input[member];
  return typeof v === 'string' ? v : undefined;
};

export const epochSeconds = (ctx: CloudMapContext): number => ctx.config.now() / 1000;

/** A namespace of the caller's account by id (an ARN works too, as in the service). */
export function namespaceById(ctx: CloudMapContext, idOrArn: string | undefined): StoredNamespace {
  const id = idOrArn?.startsWith('arn:') ? idOrArn.slice(idOrArn.lastIndexOf('/') + 1) : idOrArn;
  const found = id ? ctx.state.namespaces[id] : undefined;
  if (!found || found.ResourceOwner !== ctx.caller)
    throw new CloudMapError('NamespaceNotFound', `No namespace exists with ID: ${idOrArn ?? ''}`);
  return found;
}

/** A service of the caller's account by id or ARN. */
export function serviceById(ctx: CloudMapContext, idOrArn: string | undefined): StoredService {
  const id = idOrArn?.startsWith('arn:') ? idOrArn.slice(idOrArn.lastIndexOf('/') + 1) : idOrArn;
  const found = id ? ctx.state.services[id] : undefined;
  if (!found || found.ResourceOwner !== ctx.caller)
    throw new CloudMapError('ServiceNotFound', `Service not found: ${idOrArn ?? ''}`);
  return found;
}

export const instancesOf = (ctx: CloudMapContext, serviceId: string) =>
  (ctx.state.instances[serviceId] ??= {});

export function requireOneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(String(value)))
    throw invalidInput(`${name} must be one of ${allowed.join(', ')}`);
}
