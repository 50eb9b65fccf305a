import { stableJson } from '../aws-common/stable-json.ts';
import { badRequest, conflict } from './errors.ts';
import { checkInputLimits } from './input-rules.ts';
import { type OperationName, operations, shapes } from './model.generated.ts';
import type { OperationContext } from './operation-context.ts';
import { parseResourceOperation } from './resource-kinds.ts';
import { runResourceOperation } from './resource-operations.ts';
import type { AppMeshServiceConfig } from './service-config.ts';
import { type AppMeshState, meshKey } from './service-state.ts';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.ts';
import { describeViolations, validateShape } from './validate-input.ts';

export type OperationOutput = Record<string, unknown>;

const tagOperations: Partial<Record<OperationName, (ctx: OperationContext) => OperationOutput>> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** Operations that change state: they persist, and count against the write token bucket. */
export const isWriteOperation = (operation: OperationName): boolean => !/^(Describe|List)/.test(operation);

/**
 * The App Mesh control plane as plain functions over an in-memory state: no HTTP, no clock of its own.
 * `execute` takes an operation's input as the model names its members and returns its output, or throws
 * an AppMeshError.
 */
export class AppMeshService {
  state: AppMeshState;
  readonly config: AppMeshServiceConfig;

  constructor(state: AppMeshState, config: AppMeshServiceConfig) {
    this.state = state;
    this.config = config;
  }

  execute(operation: OperationName, input: Record<string, unknown>, caller: string): OperationOutput {
    const def = operations[operation];
    const inputShape = shapes[def.input];
    const members = inputShape?.members ?? {};
    const violations = validateShape(def.input, input, '');
    const top = (path: string) => /^[^.[]+/.exec(path)?.[0] ?? '';
    // Path and query members address resources, so they are checked first; body members after lookups.
    const bound = violations.filter((v) => members[top(v.path)]?.location !== undefined || v.path === '');
    if (bound.length > 0) throw badRequest(describeViolations(bound));
    const tokenMember = Object.entries(members).find(([, m]) => m.idempotencyToken)?.[0];
    checkInputLimits(input, tokenMember);
    const ctx: OperationContext = {
      state: this.state,
      config: this.config,
      caller,
      input,
      bodyViolations: violations.filter((v) => !bound.includes(v)),
    };
    const token = tokenMember ? input[tokenMember] : undefined;
    if (typeof token !== 'string') return this.dispatch(operation, ctx);

    // Keyed by caller, operation and resource path (§11): a replay returns the original result.
    const path = Object.entries(members)
      .filter(([, m]) => m.location === 'uri' || m.location === 'querystring')
      .map(([n]) => input[n] ?? '');
    const nameMember = parseResourceOperation(operation)?.info.nameMember;
    const key = stableJson([caller, operation, path, nameMember ? input[nameMember] : '', token]);
    const fingerprint = stableJson({ ...input, [tokenMember as string]: undefined });
    const seen = this.state.tokens[key];
    if (seen) {
      if (seen.fingerprint !== fingerprint)
        throw conflict(
          'The request contains a client token that was used for a previous update resource call with different specifications. Try the request again with a new client token.',
        );
      return structuredClone(seen.result) as OperationOutput;
    }
    const result = this.dispatch(operation, ctx);
    this.state.tokens[key] = { fingerprint, result: structuredClone(result) };
    return result;
  }

  private dispatch(operation: OperationName, ctx: OperationContext): OperationOutput {
    const tagOperation = tagOperations[operation];
    if (tagOperation) return tagOperation(ctx);
    const parsed = parseResourceOperation(operation);
    if (!parsed) throw new Error(`operation ${operation} has no handler`);
    return runResourceOperation(ctx, parsed.verb, parsed.info);
  }

  /** Shares a mesh with another account, as AWS RAM would (RAM itself is out of scope). */
  shareMesh(meshName: string, ownerAccount: string, consumerAccount: string): void {
    const key = meshKey(ownerAccount, meshName);
    if (!this.state.resources[key])
      throw new Error(`mesh ${meshName} of account ${ownerAccount} does not exist`);
    const consumers = this.state.shares[key] ?? [];
    if (!consumers.includes(consumerAccount)) this.state.shares[key] = [...consumers, consumerAccount];
  }

  /** Ends a share; resources the consumer created stay, reachable only by the owner. */
  unshareMesh(meshName: string, ownerAccount: string, consumerAccount: string): void {
    const key = meshKey(ownerAccount, meshName);
    this.state.shares[key] = (this.state.shares[key] ?? []).filter((a) => a !== consumerAccount);
  }
}
