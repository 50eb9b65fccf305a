/** A benchmark module's default export: a named measurement returning JSON-serialisable results. */
export interface Benchmark {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

/** Wall time of `fn` in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
