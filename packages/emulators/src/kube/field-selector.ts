import { badRequest } from './kube-status-error.ts';
import type { ResourceType } from './resource-types.ts';

export interface FieldRequirement {
  /** Dotted path into the object, e.g. `metadata.name`, `status.phase`. */
  field: string;
  negated: boolean;
  value: string;
}

/** The field labels the real server supports per kind; every kind supports name and namespace. */
const supportedFields: Record<string, readonly string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
};

/**
 * Parses the `fieldSelector` query syntax: `a.b=x`, `a.b==x`, `a.b!=x`, comma-separated. A field the
 * kind does not support is refused as the real server refuses it (400, "field label not supported").
 */
export function parseFieldSelector(text: string, type?: ResourceType): FieldRequirement[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!match) throw badRequest(`invalid field selector: "${part}"`);
      const field = match[1]!;
      const supported = ['metadata.name', 'metadata.namespace', ...(supportedFields[type?.kind ?? ''] ?? [])];
      if (type && !supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
      return { field, negated: match[2] === '!=', value: match[3]! };
    });
}

export function matchesFields(requirements: readonly FieldRequirement[], object: unknown): boolean {
  return requirements.every(({ field, negated, value }) => {
    const actual = field
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], object);
    const equal = (actual === undefined ? '' : String(actual)) === value;
    return negated ? !equal : equal;
  });
}
