import { KubeConfig } from '@kubernetes/client-node';
import { KubeAccessError } from './kube-access-error.ts';

/**
 * Local mode: a kubeconfig file (or, without a path, the usual KUBECONFIG / ~/.kube/config) and
 * optionally one of its contexts instead of the current one.
 */
export function kubeConfigFromFile(path?: string, context?: string): KubeConfig {
  const config = new KubeConfig();
  try {
    if (path === undefined) config.loadFromDefault();
    else config.loadFromFile(path);
  } catch (error) {
    throw new KubeAccessError(
      'kubeconfig',
      'KubeconfigUnreadable',
      `cannot read kubeconfig ${path ?? '(default location)'}: ${error instanceof Error ? error.message : String(error)}`,
      false,
      { cause: error },
    );
  }
  if (context !== undefined) {
    if (!config.getContextObject(context)) {
      const known = config.getContexts().map((c) => c.name);
      throw new KubeAccessError(
        'kubeconfig',
        'ContextNotFound',
        `kubeconfig ${path ?? '(default location)'} has no context "${context}" (contexts: ${known.join(', ') || 'none'})`,
        false,
      );
    }
    config.setCurrentContext(context);
  }
  return config;
}
