/**
 * Resolves on the first SIGINT or SIGTERM, so a long-running command can close its servers cleanly. Call it
 * before announcing the servers: a signal that arrives before the listener exists kills the process outright.
 */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
