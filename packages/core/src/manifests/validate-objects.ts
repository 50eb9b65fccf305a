import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { kubeObjectIssues } from './kube-openapi/kube-object-issues.ts';
import type { KubeSchemaIssue } from './kube-openapi/kube-schema-issues.ts';
import { isRecord } from './load-manifests.ts';
import { APPMESH_GROUP, apiGroup, type ManifestObject } from './manifest-object.ts';
import { checkObjectRules } from './rules/check-object-rules.ts';
import { at, schemaIssuesToDiagnostics } from './schema-issues.ts';
import { closestName } from './schema-shape.ts';
import { appMeshSchemas, isAppMeshKind, kubeSchemas } from './schemas/schema-registry.ts';
import { stripNulls } from './strip-nulls.ts';
import type { AppMeshObject, KubeObject } from './typed-objects.ts';

interface ValidatedObjects {
  /** Every object with its namespace defaulted, valid or not (for whole-set checks). */
  normalized: ManifestObject[];
  appMesh: AppMeshObject[];
  /** `Kind|namespace|name` of App Mesh objects that failed validation, so references to them add no noise. */
  invalid: Set<string>;
  kube: KubeObject[];
  diagnostics: Diagnostic[];
}

/** Kinds that live outside namespaces; every other kind gets the default namespace when it names none. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Mesh',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'Node',
]);

/**
 * Schemas check through a function compiled on first use only in sets at least this large: compiling costs
 * more than it saves over a few objects (a `validate` of a handful), and halves the time of thousands.
 */
const COMPILED_CHECKS_FROM = 100;

const isClusterScoped = (kind: string): boolean => CLUSTER_SCOPED.has(kind);

/**
 * Checks each object on its own: App Mesh kinds against their CRD schemas and admission rules, the core kinds
 * meshcd reads against the fields it needs. Objects that fail are left out of the result, so later steps only
 * ever see well-formed objects.
 */
export function validateObjects(
  objects: readonly ManifestObject[],
  defaultNamespace: string,
): ValidatedObjects {
  const out: ValidatedObjects = {
    normalized: [],
    appMesh: [],
    invalid: new Set(),
    kube: [],
    diagnostics: [],
  };
  const parse = { jitless: objects.length < COMPILED_CHECKS_FROM };
  for (const raw of objects) {
    const object: ManifestObject = {
      ...raw,
      namespace: isClusterScoped(raw.kind) ? undefined : (raw.namespace ?? defaultNamespace),
    };
    out.normalized.push(object);
    const body = stripNulls(object.body) as Record<string, unknown>;
    const isAppMesh = apiGroup(object.apiVersion) === APPMESH_GROUP;
    if (isAppMesh && !isAppMeshKind(object.kind)) {
      out.diagnostics.push(unknownKind(object));
      continue;
    }
    // Plain objects of the kinds a cluster serves are checked against the Kubernetes OpenAPI schemas and
    // the API server's own rules, so the set is refused before any write rather than half-applied.
    const refusals = isAppMesh ? undefined : kubeObjectIssues(object.apiVersion, object.kind, body);
    if (refusals && refusals.length > 0) {
      out.diagnostics.push(...refusals.map((issue) => kubeDiagnostic(object, issue)));
      continue;
    }
    const schema = isAppMesh
      ? appMeshSchemas[object.kind as keyof typeof appMeshSchemas]
      : kubeSchemas[`${object.apiVersion}|${object.kind}`];
    if (schema) {
      const result = schema.safeParse(body, parse);
      if (!result.success) {
        out.diagnostics.push(...schemaIssuesToDiagnostics(object, body, result.error.issues, schema));
        if (isAppMesh) out.invalid.add(`${object.kind}|${object.namespace ?? ''}|${object.name}`);
        continue;
      }
    }
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    const labels = (isRecord(metadata.labels) ? metadata.labels : {}) as Record<string, string>;
    if (isAppMesh) {
      const typed = {
        kind: object.kind,
        name: object.name,
        namespace: object.namespace ?? '',
        labels,
        spec: isRecord(body.spec) ? body.spec : {},
        manifest: object,
      } as AppMeshObject;
      const problems = checkObjectRules(typed);
      out.diagnostics.push(...problems);
      if (problems.length === 0) out.appMesh.push(typed);
      else out.invalid.add(`${typed.kind}|${typed.namespace}|${typed.name}`);
    } else {
      out.kube.push({
        kind: object.kind,
        name: object.name,
        namespace: object.namespace,
        labels,
        body: object.body,
        manifest: object,
      });
    }
  }
  return out;
}

function kubeDiagnostic(object: ManifestObject, issue: KubeSchemaIssue): Diagnostic {
  const guess = issue.allowed && closestName(String(issue.path.at(-1)), issue.allowed);
  const hint = guess ? ` (did you mean "${guess}"?)` : '';
  return at(object, issue.path, issue.kind, `${issue.detail}${hint}`);
}

function unknownKind(object: ManifestObject): Diagnostic {
  return {
    severity: 'error',
    code: 'invalid-value',
    message: `${object.apiVersion} has no kind ${object.kind}; known kinds: ${Object.keys(appMeshSchemas).join(', ')}`,
    ...object.locate(['kind']),
    object: `${object.kind}/${object.namespace ?? ''}/${object.name}`,
    path: 'kind',
  };
}
