import { badRequest } from './kube-status-error.ts';

export interface FieldRequirement {
  /** Dotted path into the object, e.g. `metadata.name`, `status.phase`. */
  field: string;
  negated: boolean;
  value: string;
}

/** Parses the `fieldSelector` query syntax: `a.b=x`, `a.b==x`, `a.b!=x`, comma-separated. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
      if (!match) throw badRequest(`invalid field selector: "${part}"`);
      return { field: match[1]!, negated: match[2] === '!=', value: match[3]! };
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
