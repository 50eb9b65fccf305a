import { isObject } from './field-path.ts';
import { clone } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';
import { badRequest, invalid } from './kube-status-error.ts';
import { decodeBody, type FieldValidation } from './object-validation.ts';
import { apiVersionOf, type ResourceType } from './resource-types.ts';

const namePattern = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Checks a request body against the URL it was sent to: kind, apiVersion, namespace, label types. */
export function incomingObject(
  type: ResourceType,
  namespace: string | undefined,
  raw: unknown,
  validation: FieldValidation = 'Warn',
  applying = false,
): KubeObject {
  if (!isObject(raw) || !isObject(raw.metadata))
    throw badRequest('the request body must be an object with metadata');
  const body = decodeBody(type, raw, validation, applying);
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
