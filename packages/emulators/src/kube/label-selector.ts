import { badRequest } from './kube-status-error.ts';

export type LabelOperator = 'equals' | 'notEquals' | 'in' | 'notIn' | 'exists' | 'doesNotExist';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/**
 * Parses the `labelSelector` query syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`,
 * `a` (exists) and `!a` (does not exist), comma-separated; all requirements must hold.
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  return splitTopLevel(text)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseRequirement);
}

export function matchesLabels(
  requirements: readonly LabelRequirement[],
  labels: Record<string, string>,
): boolean {
  return requirements.every((requirement) => holds(requirement, labels));
}

function holds({ key, operator, values }: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, key);
  const value = labels[key];
  switch (operator) {
    case 'equals':
      return has && value === values[0];
    case 'notEquals':
      return !has || value !== values[0];
    case 'in':
      return has && values.includes(value as string);
    case 'notIn':
      return !has || !values.includes(value as string);
    case 'exists':
      return has;
    case 'doesNotExist':
      return !has;
  }
}

const keyPattern = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const valuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function parseRequirement(part: string): LabelRequirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    return requirement(set[1]!, set[2] === 'in' ? 'in' : 'notIn', values, part);
  }
  const binary = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
  if (binary) {
    return requirement(binary[1]!, binary[2] === '!=' ? 'notEquals' : 'equals', [binary[3]!.trim()], part);
  }
  if (part.startsWith('!')) return requirement(part.slice(1).trim(), 'doesNotExist', [], part);
  return requirement(part, 'exists', [], part);
}

function requirement(key: string, operator: LabelOperator, values: string[], part: string): LabelRequirement {
  if (!keyPattern.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${part}"`);
  for (const value of values) {
    if (!valuePattern.test(value))
      throw badRequest(`unable to parse requirement: invalid label value "${value}"`);
  }
  return { key, operator, values };
}

/** Splits on commas that are not inside a parenthesised value set. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
