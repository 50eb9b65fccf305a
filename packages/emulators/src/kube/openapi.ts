import { createHash } from 'node:crypto';
import { documentedKubeOpenApi } from '@meshcd/core';
import { apiVersionOf, type ResourceRegistry, type ResourceType } from './resource-types.ts';

/**
 * The OpenAPI v3 documents, one per group-version, with the schemas of the built-in kinds (the same
 * ones every write is validated against), so `kubectl explain` works. kubectl also reads whether a
 * PATCH on the kind accepts the `fieldValidation` query parameter: when it does, kubectl leaves
 * validation to the server.
 */
const gvPath = (group: string, version: string): string =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`;

export function openApiRoot(registry: ResourceRegistry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const groupVersions = [
    ...registry.versionsOf('').map((v) => ['', v] as const),
    ...registry.groups().flatMap((g) => registry.versionsOf(g).map((v) => [g, v] as const)),
  ];
  for (const [group, version] of groupVersions) {
    const hash = createHash('sha256')
      .update(JSON.stringify(openApiGroupVersion(registry, group, version)))
      .digest('hex')
      .slice(0, 32)
      .toUpperCase();
    paths[gvPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}`,
    };
  }
  return { paths };
}

const queryParameters = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

export function openApiGroupVersion(registry: ResourceRegistry, group: string, version: string) {
  const paths: Record<string, unknown> = {};
  for (const type of registry.inGroupVersion(group, version))
    if (!type.review) paths[itemPath(type)] = { patch: patchOperation(type) };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: documentedKubeOpenApi().schemas },
  };
}

/**
 * The OpenAPI v2 (Swagger) document as JSON, for clients that read definitions from it. (kubectl asks
 * for v2 as protobuf only for its old explain output; the v3 documents serve it otherwise.)
 */
export function openApiV2() {
  // v3 wraps a described reference as `allOf: [{$ref}]`; v2 puts `$ref` beside the description, and
  // kubectl's v2 models follow only that form.
  const toV2 = <T>(schema: T): T =>
    JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/definitions/'), (_, value) => {
      const allOf = (value as { allOf?: Array<Record<string, unknown>> } | null)?.allOf;
      if (allOf?.length !== 1 || typeof allOf[0]?.$ref !== 'string' || Object.keys(allOf[0]).length !== 1)
        return value;
      const { allOf: _wrapped, ...rest } = value as Record<string, unknown>;
      return { ...rest, $ref: allOf[0].$ref };
    });
  const definitions = Object.fromEntries(
    Object.entries(documentedKubeOpenApi().schemas).map(([name, schema]) => [name, toV2(schema)]),
  );
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions };
}

const itemPath = (t: ResourceType): string =>
  `/${gvPath(t.group, t.version)}/${t.namespaced ? 'namespaces/{namespace}/' : ''}${t.plural}/{name}`;

const patchOperation = (t: ResourceType) => ({
  operationId: `patch${t.namespaced ? 'Namespaced' : ''}${t.kind}`,
  parameters: queryParameters,
  responses: { '200': { description: 'OK' } },
  'x-kubernetes-action': 'patch',
  'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
  description: `partially update the specified ${t.kind} (${apiVersionOf(t)})`,
});
