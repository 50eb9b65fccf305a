import { isObject } from './field-path.ts';
import { clone } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';
import { badRequest, invalid } from './kube-status-error.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';

const namePattern = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Top-level fields of the built-in kinds. Under `fieldValidation=Strict` (what kubectl sends once the
 * OpenAPI surface says the server validates) an unknown one is refused, as the real server does; the
 * emulator has no schemas for deeper levels, so a typo inside spec still passes.
 */
const topLevelFields: Record<string, readonly string[]> = {
  Namespace: ['spec', 'status'],
  Service: ['spec', 'status'],
  ServiceAccount: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
  ConfigMap: ['data', 'binaryData', 'immutable'],
  Secret: ['data', 'stringData', 'type', 'immutable'],
  Pod: ['spec', 'status'],
  Deployment: ['spec', 'status'],
  StatefulSet: ['spec', 'status'],
  DaemonSet: ['spec', 'status'],
};
const metadataFields = new Set([
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
]);

function checkKnownFields(
  type: ResourceType,
  object: Record<string, unknown>,
  metadata: Record<string, unknown>,
) {
  const known = type.group === '' || type.group === 'apps' ? topLevelFields[type.kind] : undefined;
  if (!known) return;
  const unknown = [
    ...Object.keys(object).filter((k) => !['apiVersion', 'kind', 'metadata', ...known].includes(k)),
    ...Object.keys(metadata)
      .filter((k) => !metadataFields.has(k))
      .map((k) => `metadata.${k}`),
  ];
  if (unknown.length > 0) {
    throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
}

/** Checks a request body against the URL it was sent to: kind, apiVersion, namespace, label types. */
export function incomingObject(
  type: ResourceType,
  namespace: string | undefined,
  body: unknown,
  strict = false,
): KubeObject {
  if (!isObject(body) || !isObject(body.metadata))
    throw badRequest('the request body must be an object with metadata');
  if (strict) checkKnownFields(type, body, body.metadata);
  // Typed clients often omit apiVersion and kind; the server takes them from the URL, as here.
  const apiVersion = body.apiVersion ?? apiVersionOf(type);
  const kind = body.kind ?? type.kind;
  if (apiVersion !== apiVersionOf(type) || kind !== type.kind) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) and kind (${String(body.kind)}) do not match the resource (${apiVersionOf(type)}, ${type.kind})`,
    );
  }
  const object = { ...clone(body), apiVersion, kind } as KubeObject;
  if (type.namespaced && object.metadata.namespace !== undefined && object.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  for (const field of ['labels', 'annotations'] as const) {
    for (const [key, value] of Object.entries(object.metadata[field] ?? {})) {
      if (typeof value !== 'string')
        throw invalid(
          type.kind,
          String(object.metadata.name),
          `metadata.${field}.${key}`,
          'must be a string',
        );
    }
  }
  return object;
}

/** Names are RFC 1123 subdomains, as the real server checks for every kind the emulator serves. */
export function validateName(object: KubeObject): void {
  const name = object.metadata.name;
  if (typeof name !== 'string' || name === '')
    throw invalid(object.kind, '', 'metadata.name', 'Required value: name or generateName is required');
  if (!namePattern.test(name) || name.length > 253) {
    throw invalid(
      object.kind,
      name,
      'metadata.name',
      `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
    );
  }
}
