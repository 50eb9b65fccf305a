import { describeViolations } from '../aws-common/validate-shape.ts';
import { getOperation, listOperations, settle } from './async-operations.ts';
import type { CloudMapContext, CloudMapServiceConfig } from './cloud-map-context.ts';
import { invalidInput } from './cloud-map-errors.ts';
import type { CloudMapState } from './cloud-map-state.ts';
import { discoverInstances, discoverInstancesRevision } from './discover-instances.ts';
import {
  deregisterInstance,
  getInstance,
  getInstancesHealthStatus,
  listInstances,
  registerInstance,
  updateInstanceCustomHealthStatus,
} from './instance-operations.ts';
import { type OperationName, operations } from './model.generated.ts';
import {
  createNamespace,
  deleteNamespace,
  getNamespace,
  listNamespaces,
  updateNamespace,
} from './namespace-operations.ts';
import {
  createService,
  deleteService,
  deleteServiceAttributes,
  getService,
  getServiceAttributes,
  listServices,
  updateService,
  updateServiceAttributes,
} from './service-operations.ts';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.ts';
import { validateShape } from './validate-input.ts';

type Handler = (ctx: CloudMapContext) => Record<string, unknown>;

const handlers: Record<OperationName, Handler> = {
  CreateHttpNamespace: (ctx) => createNamespace(ctx, 'CreateHttpNamespace'),
  CreatePrivateDnsNamespace: (ctx) => createNamespace(ctx, 'CreatePrivateDnsNamespace'),
  CreatePublicDnsNamespace: (ctx) => createNamespace(ctx, 'CreatePublicDnsNamespace'),
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace,
  UpdateHttpNamespace: (ctx) => updateNamespace(ctx, 'HTTP'),
  UpdatePrivateDnsNamespace: (ctx) => updateNamespace(ctx, 'DNS_PRIVATE'),
  UpdatePublicDnsNamespace: (ctx) => updateNamespace(ctx, 'DNS_PUBLIC'),
  CreateService: createService,
  GetService: getService,
  ListServices: listServices,
  UpdateService: updateService,
  DeleteService: deleteService,
  GetServiceAttributes: getServiceAttributes,
  UpdateServiceAttributes: updateServiceAttributes,
  DeleteServiceAttributes: deleteServiceAttributes,
  RegisterInstance: registerInstance,
  DeregisterInstance: deregisterInstance,
  GetInstance: getInstance,
  ListInstances: listInstances,
  DiscoverInstances: discoverInstances,
  DiscoverInstancesRevision: discoverInstancesRevision,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  UpdateInstanceCustomHealthStatus: updateInstanceCustomHealthStatus,
  GetOperation: getOperation,
  ListOperations: listOperations,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** Operations that change state: they persist, and count against the write token bucket. */
export const isCloudMapWrite = (operation: OperationName): boolean => !/^(Get|List|Discover)/.test(operation);

/** The data-plane operations, which the SDK sends to the `data-` host prefix. */
export const isDataPlane = (operation: OperationName): boolean => operation.startsWith('Discover');

/**
 * Cloud Map as plain functions over an in-memory state: no HTTP, no clock of its own. `execute` first
 * completes the asynchronous operations that are due, then checks the input against the model and runs
 * the operation, or throws a CloudMapError.
 */
export class CloudMapService {
  state: CloudMapState;
  readonly config: CloudMapServiceConfig;

  constructor(state: CloudMapState, config: CloudMapServiceConfig) {
    this.state = state;
    this.config = config;
  }

  /** Completes due operations; true when that changed the state (so it persists). */
  settle(): boolean {
    return settle(this.state, this.config.now());
  }

  execute(operation: OperationName, input: Record<string, unknown>, caller: string): Record<string, unknown> {
    this.settle();
    const violations = validateShape(operations[operation].input, input, '');
    if (violations.length > 0) throw invalidInput(describeViolations(violations));
    return handlers[operation]({ state: this.state, config: this.config, caller, input });
  }
}
