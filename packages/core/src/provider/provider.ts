import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { Change } from './change.ts';
import type { KindTable } from './kind-table.ts';
import type { ProviderName } from './resource-key.ts';

/** Every resource a provider handles, desired or observed, has a kind and a key. */
export interface ProviderResource<K extends string = string> {
  kind: K;
  /** The key in text form (see ResourceKey). */
  key: string;
}

/**
 * The converter: from the resolved manifests to the provider's desired resources (its API input specs),
 * with a diagnostic for whatever cannot be converted. Pure.
 */
export type Converter<In, D extends ProviderResource> = (input: In) => {
  resources: D[];
  diagnostics: Diagnostic[];
};

/**
 * The observer: the provider's resources as they are now, as cheaply as the API allows (List for
 * versions, Describe only what the inventory does not already know). One per provider; plan and drift
 * both read through it.
 */
export interface Observer<D extends ProviderResource, O extends ProviderResource> {
  observe(desired: readonly D[], inventory: readonly InventoryEntry[]): Promise<O[]>;
}

/**
 * The writer: carries out one planned change against the provider and records it in the inventory. It
 * throws when the change fails; the wave runner turns that into the change's outcome.
 */
export interface Writer<C extends Change> {
  write(change: C): Promise<void>;
  /** Write calls made so far. */
  readonly writes: number;
}

/**
 * A provider: a kind table, a converter, an observer and a writer. Everything else (keys, the change
 * model, the wave runner, ownership, prune guard, quota pre-check, drift classification, reports) is
 * shared.
 */
export interface Provider<
  K extends string,
  In,
  D extends ProviderResource<K>,
  O extends ProviderResource<K>,
  C extends Change,
> {
  name: ProviderName;
  kinds: KindTable<K>;
  convert: Converter<In, D>;
  observer: Observer<D, O>;
  writer: Writer<C>;
}
