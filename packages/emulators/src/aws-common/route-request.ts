import type { OperationDef } from './model-types.ts';

interface CompiledRoute<Op extends string> {
  readonly operation: Op;
  readonly method: string;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
}

export interface RoutedRequest<Op extends string> {
  readonly operation: Op;
  /** URI labels, percent-decoded (an ARN arrives as one encoded segment). */
  readonly labels: Readonly<Record<string, string>>;
}

export type Router<Op extends string> = (method: string, path: string) => RoutedRequest<Op> | undefined;

/**
 * A router over a model's operations: each URI template becomes a regex whose labels match one raw path
 * segment, decoded after matching. With `emptyLabels` a label may be empty, so `GET /services/` reaches
 * validation and is answered there rather than as an unknown route. A query part in the template is not
 * part of the path.
 */
export function createRouter<Op extends string>(
  operations: Readonly<Record<Op, OperationDef>>,
  options: { emptyLabels?: boolean } = {},
): Router<Op> {
  const label = options.emptyLabels ? '([^/]*)' : '([^/]+)';
  const routes: CompiledRoute<Op>[] = (Object.keys(operations) as Op[]).map((operation) => {
    const def = operations[operation];
    const labels: string[] = [];
    const source = (def.uri.split('?')[0] as string)
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
        labels.push(name);
        return label;
      });
    return { operation, method: def.method, pattern: new RegExp(`^${source}$`), labels };
  });
  // Literal segments win over labels: `/a/b` must not be taken by `/a/{x}`.
  routes.sort((a, b) => a.labels.length - b.labels.length);

  return (method, path) => {
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const labels: Record<string, string> = {};
      route.labels.forEach((label, i) => {
        labels[label] = decodeURIComponent(m[i + 1] as string);
      });
      return { operation: route.operation, labels };
    }
    return undefined;
  };
}
