import { bus } from './bus';
import { deadLetters } from './dead-letters';
import { table } from './state';

/** Settings every meshcd function shares: runtime, tracing, and the configuration the runtime kit parses. */
export function functionDefaults(service: string) {
  return {
    runtime: 'nodejs24.x' as const,
    architecture: 'arm64' as const,
    // Minified ES modules, split: each dynamic import (the App Mesh, EKS and Secrets Manager clients, the
    // Kubernetes client, git, the tracer) is a chunk loaded on first use, so a cold start loads only what
    // the function's first invocation runs. The SDK's ES module builds tree-shake. Source maps stay out of
    // the function package (SST uploads them beside it).
    nodejs: {
      format: 'esm' as const,
      minify: true,
      splitting: true,
      esbuild: { mainFields: ['module', 'main'] },
      // Imports from the workspace packages' indexes bundled as direct imports, so a lazily loaded chunk
      // holds only the code its own imports reach (scripts/bundle/direct-imports.ts says why).
      plugins: './scripts/bundle/esbuild-plugins.ts',
    },
    environment: {
      POWERTOOLS_SERVICE_NAME: service,
      POWERTOOLS_METRICS_NAMESPACE: 'meshcd',
      MESHCD_TABLE: table.name,
      MESHCD_BUS: bus.name,
    },
    transform: {
      function: (args: aws.lambda.FunctionArgs): undefined => {
        args.tracingConfig = { mode: 'Active' };
        return undefined;
      },
    },
  };
}

/** Table items and the byKind index, for the state store's Query calls. */
export const tableResources = [table.arn, $interpolate`${table.arn}/index/*`];

/** The table's items alone: GetItem, PutItem and DeleteItem are authorized on the table, never an index. */
export const tableItems = [table.arn];

/** The byKind index alone: listing the targets (and other kinds) queries it. */
export const tableIndex = [$interpolate`${table.arn}/index/*`];

/** What a function that fails asynchronously needs to hand the event to the dead-letter queue. */
export const deadLetterPermission = { actions: ['sqs:SendMessage'], resources: [deadLetters.arn] };
