import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { documentedServiceQuotas } from '@meshcd/core';
import type { CallRecord } from '../aws-common/call-log.ts';
import { callerAccount } from '../aws-common/caller-account.ts';
import { listen } from '../aws-common/listen.ts';
import { readBody } from '../aws-common/transport.ts';

/** The Service Quotas actions the emulator answers. */
export type ServiceQuotasOperation = 'GetServiceQuota';

export interface ServiceQuotasEmulatorOptions {
  /**
   * Applied values by `<ServiceCode>/<QuotaCode>` (`appmesh/L-E043DFB4`), over the documented defaults:
   * an account whose quota was raised or lowered. A code that is not a quota meshcd reads is added.
   */
  values?: Readonly<Record<string, number>>;
  /** Access key id → account, as the other emulators read a caller's account; the quota ARN names it. */
  accessKeys?: Readonly<Record<string, string>>;
  /** The account of key ids neither listed nor 12 digits; 111122223333, as the other emulators, when absent. */
  accountId?: string;
  port?: number;
  host?: string;
}

export interface ServiceQuotasEmulatorHandle {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL_SERVICE_QUOTAS or a client's `endpoint`. */
  readonly endpoint: string;
  readonly calls: readonly CallRecord<ServiceQuotasOperation>[];
  close(): Promise<void>;
}

const targetPrefix = 'ServiceQuotasV20190624';

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.statusCode = status;
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Type', 'application/x-amz-json-1.1');
  if (typeof body.__type === 'string') res.setHeader('x-amzn-ErrorType', body.__type);
  res.end(JSON.stringify(body));
}

/**
 * AWS Service Quotas for the unmodified @aws-sdk/client-service-quotas (awsJson1_1), on loopback:
 * GetServiceQuota answers the quotas meshcd reads (App Mesh and VPC Lattice) at their documented
 * defaults, or at the values a test gives, so local mode reads quotas the way a deployment does. The
 * region of the quota's ARN is the one the request was signed for. Unknown codes are NoSuchResourceException.
 */
export async function startServiceQuotasEmulator(
  options: ServiceQuotasEmulatorOptions = {},
): Promise<ServiceQuotasEmulatorHandle> {
  const defaultAccount = options.accountId ?? '111122223333';
  const quotas = new Map(
    documentedServiceQuotas().map((q) => [
      `${q.serviceCode}/${q.quotaCode}`,
      { name: q.quotaName, value: q.value },
    ]),
  );
  for (const [key, value] of Object.entries(options.values ?? {}))
    quotas.set(key, { name: quotas.get(key)?.name ?? key, value });
  const calls: CallRecord<ServiceQuotasOperation>[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const text = await readBody(req);
    const authorization = req.headers.authorization;
    const account = callerAccount(authorization, options.accessKeys ?? {}, defaultAccount);
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'us-east-1';
    const target = String(req.headers['x-amz-target'] ?? '');
    const answer = (
      operation: ServiceQuotasOperation | 'Unknown',
      input: Record<string, unknown>,
      status: number,
      body: Record<string, unknown>,
    ) => {
      calls.push({
        operation,
        account,
        input,
        status,
        ...(typeof body.__type === 'string' ? { errorType: body.__type } : {}),
        at,
      });
      send(res, status, body);
    };
    if (target !== `${targetPrefix}.GetServiceQuota`)
      return answer('Unknown', {}, 400, {
        __type: 'UnknownOperationException',
        Message: `Unknown operation ${target}`,
      });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch (error) {
      return answer('GetServiceQuota', {}, 400, { __type: 'SerializationException', Message: String(error) });
    }
    const { ServiceCode, QuotaCode } = input;
    if (typeof ServiceCode !== 'string' || typeof QuotaCode !== 'string')
      return answer('GetServiceQuota', input, 400, {
        __type: 'ValidationException',
        Message: 'ServiceCode and QuotaCode are required',
      });
    const quota = quotas.get(`${ServiceCode}/${QuotaCode}`);
    if (!quota)
      return answer('GetServiceQuota', input, 400, {
        __type: 'NoSuchResourceException',
        Message: `The request failed because the specified service or quota does not exist: ${ServiceCode}/${QuotaCode}`,
      });
    return answer('GetServiceQuota', input, 200, {
      Quota: {
        ServiceCode,
        QuotaCode,
        QuotaName: quota.name,
        QuotaArn: `arn:aws:servicequotas:${region}:${account}:${ServiceCode}/${QuotaCode}`,
        Value: quota.value,
        Unit: 'None',
        Adjustable: true,
        GlobalQuota: false,
      },
    });
  };

  const server = await listen(
    (req, res) =>
      void handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { __type: 'ServiceException', Message: String(error) });
      }),
    options,
  );
  return { endpoint: server.endpoint, calls, close: () => server.close() };
}
