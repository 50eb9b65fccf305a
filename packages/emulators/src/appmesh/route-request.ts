import { type OperationName, operationNames, operations } from './model.generated.ts';

interface CompiledRoute {
  readonly operation: OperationName;
  readonly method: string;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
}

/** Each operation's URI template as a regex; labels match one path segment. */
const routes: readonly CompiledRoute[] = operationNames.map((operation) => {
  const def = operations[operation];
  const labels: string[] = [];
  const source = def.uri
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, label: string) => {
      labels.push(label);
      return '([^/]+)';
    });
  return { operation, method: def.method, pattern: new RegExp(`^${source}$`), labels };
});

export interface RoutedRequest {
  readonly operation: OperationName;
  /** URI labels, decoded. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Finds the operation a method and path address; undefined when none does. */
export function routeRequest(method: string, path: string): RoutedRequest | undefined {
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
}
