import { AsyncLocalStorage } from 'node:async_hooks';

/** The four functions of the deployed system, by the names their Lambda contexts carry locally. */
export type LocalFunctionName = 'ingest-webhook' | 'reconcile' | 'cluster-event' | 'detect-drift';

/**
 * Which function an invocation belongs to. Locally the four functions share one process (and one set of
 * credentials), so what each one calls can only be told apart by the invocation it happens in: the IAM
 * check attributes every recorded AWS call to a function through this.
 */
export const invokedFunction = new AsyncLocalStorage<LocalFunctionName>();

/** Runs one invocation of `name` under its name. */
export const invoking = <T>(name: LocalFunctionName, run: () => Promise<T>): Promise<T> =>
  invokedFunction.run(name, run);
