import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from '../aws-common/call-log.ts';
import { callerAccount } from '../aws-common/caller-account.ts';
import { listen } from '../aws-common/listen.ts';
import { readQuery, sendError, sendResult, type XmlFields } from './sts-query.ts';

/** The STS actions the emulator answers; each is one entry of `operations` below. */
export type StsOperation = 'GetCallerIdentity';

export interface StsEmulatorOptions {
  /**
   * Access key id → who signs with it, as GetCallerIdentity answers (the same map the Kubernetes emulator's
   * EKS mode takes). A key id not listed is the emulators' convention: a 12-digit key id is that account,
   * anything else the default account, each as an IAM user named after the key.
   */
  identities?: Readonly<Record<string, { arn: string }>>;
  /** The account of key ids neither listed nor 12 digits; 111122223333, as the other emulators, when absent. */
  accountId?: string;
  port?: number;
  host?: string;
}

export interface StsEmulatorHandle {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL_STS or a client's `endpoint`. */
  readonly endpoint: string;
  readonly calls: readonly CallRecord<StsOperation>[];
  resetCalls(): void;
  close(): Promise<void>;
}

/** Who a request is, from the access key id it was signed with. Signatures are not checked. */
interface Caller {
  accessKeyId: string;
  arn: string;
  account: string;
}

interface OperationContext {
  caller: Caller;
  params: URLSearchParams;
}

/** Each action's answer; an action's own errors are thrown as StsFault. */
const operations: Record<StsOperation, (context: OperationContext) => XmlFields> = {
  GetCallerIdentity: ({ caller }) => ({
    Arn: caller.arn,
    UserId: caller.accessKeyId,
    Account: caller.account,
  }),
};

/** An error STS answers in its query-protocol form. */
export class StsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const accountOf = (arn: string) => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/**
 * AWS STS for the unmodified @aws-sdk/client-sts (the query protocol), on loopback: GetCallerIdentity
 * answers the identity of the access key a request was signed with, so the command line's account check
 * and the functions' role assumption can be exercised without AWS. Other actions answer InvalidAction.
 */
export async function startStsEmulator(options: StsEmulatorOptions = {}): Promise<StsEmulatorHandle> {
  const defaultAccount = options.accountId ?? '111122223333';
  const identities = options.identities ?? {};
  const calls: CallRecord<StsOperation>[] = [];

  const callerOf = (authorization: string | undefined): Caller => {
    const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? 'anonymous';
    const known = identities[accessKeyId];
    const account = (known && accountOf(known.arn)) ?? callerAccount(authorization, {}, defaultAccount);
    return { accessKeyId, arn: known?.arn ?? `arn:aws:iam::${account}:user/${accessKeyId}`, account };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const params = await readQuery(request);
    const action = params.get('Action') ?? '';
    const caller = callerOf(request.headers.authorization);
    const record: CallRecord<StsOperation> = {
      operation: action in operations ? (action as StsOperation) : 'Unknown',
      account: caller.account,
      input: {},
      status: 200,
      at: Date.now(),
    };
    calls.push(record);
    try {
      if (record.operation === 'Unknown') {
        throw new StsFault('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
      }
      sendResult(response, action, operations[record.operation]({ caller, params }));
    } catch (error) {
      const fault = error instanceof StsFault ? error : new StsFault('InternalFailure', String(error), 500);
      record.status = fault.status;
      record.errorType = fault.code;
      sendError(response, fault.status, {
        code: fault.code,
        message: fault.message,
        type: fault.status >= 500 ? 'Receiver' : 'Sender',
      });
    }
  };

  // A request whose body never arrives whole is dropped, as a connection fault.
  const server = await listen(
    (request, response) => void handle(request, response).catch(() => response.destroy()),
    options,
  );
  return {
    endpoint: server.endpoint,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    close: server.close,
  };
}
