import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from '../aws-common/call-log.ts';
import { callerAccount } from '../aws-common/caller-account.ts';
import { listen } from '../aws-common/listen.ts';
import { principalOf } from '../eks/eks-access-entries.ts';
import { readQuery, sendError, sendResult, type XmlFields } from './sts-query.ts';

/** The STS actions the emulator answers; each is one entry of `operations` below. */
export type StsOperation = 'GetCallerIdentity' | 'AssumeRole';

/** A role callers may assume: who its trust policy names, and the external id its condition requires. */
export interface StsRole {
  /** Principals (role or user ARNs) the trust policy names; any caller when absent. */
  trusted?: string[];
  /** The `sts:ExternalId` the trust policy's `StringEquals` condition requires, if any. */
  externalId?: string;
}

export interface StsEmulatorOptions {
  /**
   * Access key id → who signs with it, as GetCallerIdentity answers (the same map the Kubernetes emulator's
   * EKS mode takes). A key id not listed is the emulators' convention: a 12-digit key id is that account,
   * anything else the default account, each as an IAM user named after the key.
   */
  identities?: Readonly<Record<string, { arn: string }>>;
  /** The account of key ids neither listed nor 12 digits; 111122223333, as the other emulators, when absent. */
  accountId?: string;
  /** Roles AssumeRole may hand out sessions of, by ARN; AssumeRole of any other is AccessDenied. */
  roles?: Readonly<Record<string, StsRole>>;
  /**
   * Access key id → account, as the other emulators read a caller's account (their `accessKeys` option):
   * each session AssumeRole issues is added, so calls signed with it act in the role's account.
   */
  accessKeys?: Record<string, string>;
  /** The clock sessions expire by (an hour after AssumeRole, or its DurationSeconds). */
  now?: () => Date;
  port?: number;
  host?: string;
}

export interface StsEmulatorHandle {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL_STS or a client's `endpoint`. */
  readonly endpoint: string;
  readonly calls: readonly CallRecord<StsOperation>[];
  /** The role whose session an access key id belongs to, when AssumeRole issued it. */
  roleOf(accessKeyId: string): string | undefined;
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

/** A session AssumeRole issued: who signs with its key, and the role it is of. */
interface Session {
  arn: string;
  roleArn: string;
}

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
  const now = options.now ?? (() => new Date());
  const calls: CallRecord<StsOperation>[] = [];
  const sessions = new Map<string, Session>();

  /**
   * AssumeRole as STS refuses it: a role it does not know, a caller the trust policy does not name, an
   * external id missing or other than the condition's, all AccessDenied; else a new session of the role.
   */
  const assumeRole = ({ caller, params }: OperationContext): XmlFields => {
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
      throw new StsFault(
        'ValidationError',
        `RoleSessionName '${sessionName}' must satisfy [\\w+=,.@-]{2,64}`,
      );
    const role = options.roles?.[roleArn];
    const trusted = role && (!role.trusted || role.trusted.includes(principalOf(caller.arn)));
    const externalId = role?.externalId === undefined || params.get('ExternalId') === role.externalId;
    const [, partition, account, roleName] =
      /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn) ?? [];
    if (!role || !trusted || !externalId || !account)
      throw new StsFault(
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const arn = `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    sessions.set(accessKeyId, { arn, roleArn });
    if (options.accessKeys) options.accessKeys[accessKeyId] = account;
    const seconds = Number(params.get('DurationSeconds') ?? 3600);
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(20).toString('base64'),
        SessionToken: randomBytes(32).toString('base64'),
        Expiration: new Date(now().getTime() + seconds * 1000).toISOString(),
      },
      AssumedRoleUser: { Arn: arn, AssumedRoleId: `AROA${account}:${sessionName}` },
    };
  };

  /** Each action's answer; an action's own errors are thrown as StsFault. */
  const operations: Record<StsOperation, (context: OperationContext) => XmlFields> = {
    GetCallerIdentity: ({ caller }) => ({
      Arn: caller.arn,
      UserId: caller.accessKeyId,
      Account: caller.account,
    }),
    AssumeRole: assumeRole,
  };

  const callerOf = (authorization: string | undefined): Caller => {
    const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? 'anonymous';
    const known = sessions.get(accessKeyId) ?? identities[accessKeyId];
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
    roleOf: (accessKeyId) => sessions.get(accessKeyId)?.roleArn,
    resetCalls: () => {
      calls.length = 0;
    },
    close: server.close,
  };
}
