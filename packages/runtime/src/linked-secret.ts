import { Resource } from 'sst/resource';

/**
 * The value of an `sst.Secret` linked to this function, or undefined when it is not linked (local mode,
 * tests). SST encrypts linked values into the bundle and hands the function only the key, so a secret is
 * never an environment value anyone reading the function's configuration could see.
 */
export function linkedSecret(name: string): string | undefined {
  try {
    const value = (Resource as unknown as Record<string, { value?: unknown } | undefined>)[name]?.value;
    return typeof value === 'string' ? value : undefined;
  } catch {
    // Resource throws for a name that is not linked, and when no link is active at all.
    return undefined;
  }
}
