import type { LabelSelector } from '../manifests/schemas/common.ts';

/** A label selector as `kubectl get -l` spells it, e.g. `mesh=shop,team in (a,b),!legacy`. */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (selector === undefined) return 'no namespace (no namespaceSelector)';
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In') terms.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') terms.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') terms.push(key);
    else terms.push(`!${key}`);
  }
  return terms.length === 0 ? 'every namespace' : terms.join(',');
}

/**
 * Labels that, added to a namespace, make the selector's positive terms hold: what to tell a user whose
 * namespace no Mesh selects. Negative terms (NotIn, DoesNotExist) ask for labels to be absent, so they add none.
 */
export function labelsToAdd(selector: LabelSelector | undefined): string[] {
  if (selector === undefined) return [];
  const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In' && values.length > 0) labels.push(`${key}=${values[0]}`);
    else if (operator === 'Exists') labels.push(`${key}=<any value>`);
  }
  return labels;
}
