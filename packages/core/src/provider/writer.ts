import type { Change } from './change.ts';

/**
 * The writer: carries out one planned change against the provider and records it in the inventory. It
 * throws when the change fails; the wave runner turns that into the change's outcome.
 */
export interface Writer<C extends Change> {
  write(change: C): Promise<void>;
  /** Write calls made so far. */
  readonly writes: number;
}
