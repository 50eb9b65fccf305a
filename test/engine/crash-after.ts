/** What every call after the crash point throws: the process is gone, nothing more reaches App Mesh or DynamoDB. */
export class Crash extends Error {
  constructor() {
    super('the process died');
    this.name = 'Crash';
  }
}

/**
 * A shared call counter for the ports of one process. `wrap` returns a port whose every method counts as
 * one call; calls up to `limit` go through (their effect lands, as a request already on the wire would),
 * and every call after it throws {@link Crash}. With `limit` = Infinity it only counts.
 */
export class CrashPoint {
  calls = 0;
  constructor(readonly limit = Number.POSITIVE_INFINITY) {}

  get crashed(): boolean {
    return this.calls > this.limit;
  }

  wrap<T extends object>(port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          this.calls++;
          if (this.crashed) throw new Crash();
          return value.apply(target, args);
        };
      },
    });
  }
}
