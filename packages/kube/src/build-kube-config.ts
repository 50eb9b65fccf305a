import { KubeConfig } from '@kubernetes/client-node';

export interface KubeConfigParts {
  endpoint: string;
  /** Base64 PEM CA bundle; omit for a plain-HTTP endpoint such as the local emulator. */
  caData?: string;
  token: string;
  /** Names the cluster, user and context; defaults to `meshcd`. */
  name?: string;
}

/** A KubeConfig held in memory only: a Lambda never writes credentials to disk. */
export function buildKubeConfig({ endpoint, caData, token, name = 'meshcd' }: KubeConfigParts): KubeConfig {
  const config = new KubeConfig();
  // Plain HTTP (the local emulator) has no TLS to verify, and client-node demands the flag for it.
  const plainHttp = endpoint.startsWith('http://');
  config.loadFromOptions({
    clusters: [{ name, server: endpoint, ...(caData ? { caData } : {}), skipTLSVerify: plainHttp }],
    users: [{ name, token }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return config;
}
