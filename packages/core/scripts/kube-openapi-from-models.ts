import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { KubeKindSchema, OpenApiSchema } from '../src/manifests/kube-openapi/openapi-schema.ts';

/** The kinds meshcd validates and the Kubernetes emulator serves, as `group/version/Kind`. */
export const servedKinds = [
  'core/v1/Namespace',
  'core/v1/Service',
  'core/v1/ServiceAccount',
  'core/v1/ConfigMap',
  'core/v1/Secret',
  'core/v1/Pod',
  'core/v1/Node',
  'core/v1/Event',
  'apps/v1/Deployment',
  'apps/v1/ReplicaSet',
  'apps/v1/StatefulSet',
  'apps/v1/DaemonSet',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
];

export interface KubeOpenApi {
  kinds: KubeKindSchema[];
  schemas: Record<string, OpenApiSchema>;
}

const require = createRequire(import.meta.url);
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const nodeModules = dirname(modelsDir);
const apimachineryDir = join(nodeModules, '@kubernetes-models', 'apimachinery');

const typeMetaDescriptions: Record<string, string> = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

/** `io.k8s.api.core.v1.Container` for kubernetes-models/v1/Container.d.ts, and so on. */
function schemaName(file: string): string {
  const withoutExt = file.replace(/\.d\.ts$/, '');
  if (withoutExt.startsWith(apimachineryDir)) {
    return `io.k8s.apimachinery.pkg.${relative(apimachineryDir, withoutExt).split('/').join('.')}`;
  }
  const parts = relative(modelsDir, withoutExt).split('/');
  if (parts.length === 2) return `io.k8s.api.core.${parts.join('.')}`;
  const [group, version, name] = parts as [string, string, string];
  return `io.k8s.api.${group.split('.')[0]}.${version}.${name}`;
}

function modelFile(kind: string): string {
  const [group, version, name] = kind.split('/') as [string, string, string];
  return join(modelsDir, ...(group === 'core' ? [] : [group]), version, `${name}.d.ts`);
}

const docOf = (node: ts.Node, source: ts.SourceFile): string | undefined => {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (!last) return undefined;
  const text = source.text.slice(last.pos, last.end);
  if (!text.startsWith('/**')) return undefined;
  return text
    .replace(/^\/\*\*\s*\n?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
};

/** Builds the component schemas reachable from the served kinds. */
export function buildKubeOpenApi(): KubeOpenApi {
  const schemas: Record<string, OpenApiSchema> = {};
  const queue: string[] = [];
  const enqueue = (file: string): string => {
    const name = schemaName(file);
    if (!(name in schemas) && !queue.includes(file)) queue.push(file);
    return name;
  };
  const kinds: KubeKindSchema[] = servedKinds.map((kind) => {
    const [group, version, name] = kind.split('/') as [string, string, string];
    return { group: group === 'core' ? '' : group, version, kind: name, schema: enqueue(modelFile(kind)) };
  });
  while (queue.length > 0) {
    const file = queue.shift()!;
    schemas[schemaName(file)] = schemaOfFile(file, enqueue);
  }
  for (const kind of kinds) {
    schemas[kind.schema]!['x-kubernetes-group-version-kind'] = [
      { group: kind.group, version: kind.version, kind: kind.kind },
    ];
  }
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return { kinds, schemas: sorted };
}

function schemaOfFile(file: string, enqueue: (file: string) => string): OpenApiSchema {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    const target = from.startsWith('.')
      ? join(dirname(file), from.replace(/\.js$/, '.d.ts'))
      : join(nodeModules, `${from}.d.ts`);
    for (const element of statement.importClause?.namedBindings &&
    ts.isNamedImports(statement.importClause.namedBindings)
      ? statement.importClause.namedBindings.elements
      : []) {
      imports.set(element.name.text, target);
    }
  }
  const ref = (identifier: string): OpenApiSchema => {
    const target = imports.get(identifier);
    if (!target) throw new Error(`${file}: unresolved type ${identifier}`);
    return { $ref: `#/components/schemas/${enqueue(target)}` };
  };
  const typeSchema = (node: ts.TypeNode): OpenApiSchema => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'integer' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(node.elementType) };
    if (ts.isParenthesizedTypeNode(node)) return typeSchema(node.type);
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string' };
    if (ts.isUnionTypeNode(node)) {
      const literals = node.types.filter(
        (t): t is ts.LiteralTypeNode => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal),
      );
      if (literals.length === node.types.length) {
        return { type: 'string', enum: literals.map((t) => (t.literal as ts.StringLiteral).text) };
      }
      const kinds = new Set(node.types.map((t) => t.kind));
      if (kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword)) {
        return { type: 'string', 'x-kubernetes-int-or-string': true };
      }
      throw new Error(`${file}: unsupported union ${node.getText(source)}`);
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (name === 'Array' && node.typeArguments?.[0]) {
        return { type: 'array', items: typeSchema(node.typeArguments[0]) };
      }
      return ref(name);
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index && node.members.length === 1) {
        return { type: 'object', additionalProperties: typeSchema(index.type) };
      }
      if (node.members.length === 0) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      return objectOf(node.members);
    }
    throw new Error(`${file}: unsupported type ${node.getText(source)}`);
  };
  function objectOf(members: ts.NodeArray<ts.TypeElement>): OpenApiSchema {
    const properties: Record<string, OpenApiSchema> = {};
    const required: string[] = [];
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
      if (!member.questionToken && name !== 'apiVersion' && name !== 'kind') required.push(name);
      properties[name] = withDescription(
        typeSchema(member.type),
        docOf(member, source) ?? typeMetaDescriptions[name],
      );
    }
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }
  const withDescription = (schema: OpenApiSchema, description: string | undefined): OpenApiSchema => {
    if (schema.$ref) return { ...(description ? { description } : {}), allOf: [schema] };
    return description ? { description, ...schema } : schema;
  };
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text.startsWith('I')) {
      const schema = typeSchema(statement.type);
      if (schema.type === 'string' && schema['x-kubernetes-int-or-string'] && /Quantity$/.test(file))
        return withDescription(schema, docOf(statement, source));
      if (/\/(Time|MicroTime)\.d\.ts$/.test(file))
        return withDescription({ type: 'string', format: 'date-time' }, docOf(statement, source));
      return withDescription(schema, docOf(statement, source));
    }
    if (!ts.isInterfaceDeclaration(statement)) continue;
    if (statement.members.length === 0) {
      return withDescription(
        { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        docOf(statement, source),
      );
    }
    return withDescription(objectOf(statement.members), docOf(statement, source));
  }
  throw new Error(`${file}: no interface or type alias`);
}
