import { KubeConfig } from '@kubernetes/client-node';

export interface KubeConfigParts {
  endpoint: string;
  /** Base64 PEM CA bundle; omit for a plain-HTTP endpoint such as the local emulator. */
  caData?: string;
  /**
   * The bearer token, or where to get it for each request: EKS tokens expire 15 minutes after signing,
   * so a connection that outlives one token must ask its cache every time.
   */
  token: string | (() => Promise<string>);
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
    users: [typeof token === 'string' ? { name, token } : { name }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  if (typeof token !== 'string') {
    // client-node asks its authenticators on every request, so each request carries the cache's token.
    config.addAuthenticator({
      isAuthProvider: (user) => user.name === name,
      applyAuthentication: async (_user, options) => {
        options.headers = { ...options.headers, Authorization: `Bearer ${await token()}` };
      },
    });
  }
  return config;
}
