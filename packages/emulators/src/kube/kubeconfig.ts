import { stringify } from 'yaml';

/**
 * A kubeconfig whose only context points at an emulator. The token is a placeholder: the emulator
 * authenticates nobody, but clients insist on some credential. The emulator speaks plain HTTP, and
 * @kubernetes/client-node refuses http:// unless TLS verification is declared skipped.
 */
export function kubeconfigFor(endpoint: string, name = 'meshcd-local'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: endpoint, 'insecure-skip-tls-verify': true } }],
    users: [{ name, user: { token: 'meshcd-local' } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
