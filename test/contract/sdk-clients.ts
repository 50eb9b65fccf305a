/** Real SDK clients for contract tests, one per account, all destroyed together. */
export function clientPool<C extends { destroy(): void }>(
  make: (accountId: string, maxAttempts: number) => C,
) {
  const clients: C[] = [];
  return {
    /** One attempt by default: tests see the first answer, not a retried one. */
    clientAs(accountId: string, maxAttempts = 1): C {
      const c = make(accountId, maxAttempts);
      clients.push(c);
      return c;
    },
    destroyAll(): void {
      for (const c of clients.splice(0)) c.destroy();
    },
  };
}

/** Runs `fn` and returns the SDK error it threw, failing the test when it did not throw. */
export async function errorOf<T = Record<string, unknown>>(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number } } & T> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } } & T;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
