import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EksEmulatorOptions {
  /** Cluster name → the Kubernetes API server it stands for (the Kubernetes emulator in EKS mode). */
  clusters: Record<string, string>;
  accountId: string;
  region: string;
}

export interface EksEmulatorHandle {
  endpoint: string;
  /** Every DescribeCluster served, by cluster ARN. */
  calls: { action: 'DescribeCluster'; resource: string }[];
  close(): Promise<void>;
}

/**
 * The one EKS API call meshcd makes, DescribeCluster, for the unmodified @aws-sdk/client-eks: `GET
 * /clusters/<name>` answers an ACTIVE cluster whose endpoint is the local API server, or
 * ResourceNotFoundException as EKS does.
 */
export async function startEksEmulator(options: EksEmulatorOptions): Promise<EksEmulatorHandle> {
  const calls: EksEmulatorHandle['calls'] = [];
  const server = createServer((request, response) => {
    request.resume();
    const name = /^\/clusters\/([^/?]+)$/.exec(request.url?.split('?')[0] ?? '')?.[1];
    const clusterName = name ? decodeURIComponent(name) : undefined;
    const arn = `arn:aws:eks:${options.region}:${options.accountId}:cluster/${clusterName}`;
    const endpoint = clusterName ? options.clusters[clusterName] : undefined;
    if (request.method !== 'GET' || !clusterName) {
      return send(
        response,
        404,
        { message: `no route for ${request.method} ${request.url}` },
        'UnknownOperationException',
      );
    }
    calls.push({ action: 'DescribeCluster', resource: arn });
    if (!endpoint) {
      return send(
        response,
        404,
        { message: `No cluster found for name: ${clusterName}.` },
        'ResourceNotFoundException',
      );
    }
    send(response, 200, {
      cluster: {
        name: clusterName,
        arn,
        status: 'ACTIVE',
        endpoint,
        // Plain HTTP locally: the CA is never used, but EKS always returns one.
        certificateAuthority: { data: Buffer.from('local').toString('base64') },
        accessConfig: { authenticationMode: 'API' },
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  response: import('node:http').ServerResponse,
  status: number,
  body: unknown,
  errorType?: string,
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}
