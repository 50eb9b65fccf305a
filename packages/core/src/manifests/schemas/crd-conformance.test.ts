/**
 * Conformance: meshcd's hand-written schemas must accept and reject exactly what the CRDs' OpenAPI schemas
 * accept and reject, under Kubernetes strict field validation (unknown fields are errors). Checked on every App
 * Mesh object of the corpus and on generated mutations of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { corpusDir, hasShared, sharedDir } from '../../../../../test/corpus/corpus.ts';
import { stripNulls } from '../strip-nulls.ts';
import { backendGroupSpec } from './backend-group.ts';
import { gatewayRouteSpec } from './gateway-route.ts';
import { meshSpec } from './mesh.ts';
import type { AppMeshKind } from './schema-registry.ts';
import { virtualGatewaySpec } from './virtual-gateway.ts';
import { virtualNodeSpec } from './virtual-node.ts';
import { virtualRouterSpec } from './virtual-router.ts';
import { virtualServiceSpec } from './virtual-service.ts';

const SPECS: Record<AppMeshKind, z.ZodType> = {
  Mesh: meshSpec,
  VirtualNode: virtualNodeSpec,
  VirtualRouter: virtualRouterSpec,
  VirtualService: virtualServiceSpec,
  VirtualGateway: virtualGatewaySpec,
  GatewayRoute: gatewayRouteSpec,
  BackendGroup: backendGroupSpec,
};

type JsonSchema = Record<string, unknown>;

/** Kubernetes strict field validation: an object schema with properties admits no other fields. */
function strict(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, JsonSchema>).map(([k, v]) => [k, strict(v)]),
    );
    if (schema.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (schema.items) out.items = strict(schema.items as JsonSchema);
  if (typeof schema.additionalProperties === 'object')
    out.additionalProperties = strict(schema.additionalProperties as JsonSchema);
  return out;
}

function crdValidators(): Map<string, ValidateFunction> {
  // Structural-schema extras (x-kubernetes-*) are not JSON Schema, and int32/int64 formats are not ajv formats.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  const dir = join(sharedDir, 'appmesh', 'crds');
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(dir, file), 'utf8'));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1beta2');
    validators.set(crd.spec.names.kind, ajv.compile(strict(version.schema.openAPIV3Schema.properties.spec)));
  }
  return validators;
}

function corpusSpecs(): { kind: AppMeshKind; spec: unknown; where: string }[] {
  const index = JSON.parse(readFileSync(join(corpusDir, 'index.json'), 'utf8')) as Record<string, unknown>;
  const out: { kind: AppMeshKind; spec: unknown; where: string }[] = [];
  for (const folder of Object.keys(index)) {
    for (const file of readdirSync(join(corpusDir, folder))) {
      for (const doc of parseAllDocuments(readFileSync(join(corpusDir, folder, file), 'utf8'), {
        version: '1.1',
      })) {
        const body = doc.toJS() as {
          apiVersion?: string;
          kind?: AppMeshKind;
          spec?: unknown;
          metadata?: { name?: string };
        } | null;
        if (!body?.apiVersion?.startsWith('appmesh.k8s.aws/') || !body.kind) continue;
        out.push({
          kind: body.kind,
          spec: stripNulls(body.spec ?? {}),
          where: `${folder}/${file} ${body.kind}/${body.metadata?.name}`,
        });
      }
    }
  }
  return out;
}

/** Specs that exercise fields the corpus never uses, so mutations reach every part of every schema. */
const tls = { certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } }, mode: 'STRICT' };
const trust = { acm: { certificateAuthorityARNs: ['arn:aws:acm-pca:eu-west-1:1:certificate-authority/x'] } };
const clientPolicy = {
  tls: {
    enforce: true,
    ports: [443],
    certificate: { sds: { secretName: 's' } },
    validation: { trust, subjectAlternativeNames: { match: { exact: ['a'] } } },
  },
};
const health = {
  healthyThreshold: 2,
  intervalMillis: 5000,
  path: '/h',
  port: 8080,
  protocol: 'http',
  timeoutMillis: 2000,
  unhealthyThreshold: 3,
};
const headers = [
  { name: 'x', match: { range: { start: 1, end: 5 } }, invert: false },
  { name: 'y', match: { prefix: 'p' } },
];
const duration = { unit: 'ms', value: 100 };
const RICH: { kind: AppMeshKind; spec: unknown; where: string }[] = [
  {
    kind: 'Mesh',
    where: 'rich Mesh',
    spec: {
      awsName: 'm',
      egressFilter: { type: 'ALLOW_ALL' },
      meshOwner: '111122223333',
      meshServiceDiscovery: { ipPreference: 'IPv4_ONLY' },
      namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] },
    },
  },
  {
    kind: 'VirtualGateway',
    where: 'rich VirtualGateway',
    spec: {
      awsName: 'g',
      backendDefaults: { clientPolicy },
      gatewayRouteSelector: { matchLabels: { a: 'b' } },
      namespaceSelector: {},
      podSelector: { matchLabels: { app: 'g' } },
      logging: { accessLog: { file: { path: '/dev/stdout', format: { json: [{ key: 'k', value: 'v' }] } } } },
      listeners: [
        {
          portMapping: { port: 8080, protocol: 'http' },
          healthCheck: health,
          connectionPool: { http: { maxConnections: 10, maxPendingRequests: 5 } },
          tls: {
            ...tls,
            certificate: { acm: { certificateARN: 'arn:x' } },
            validation: { trust, subjectAlternativeNames: { match: { exact: ['a'] } } },
          },
        },
      ],
    },
  },
  {
    kind: 'VirtualNode',
    where: 'rich VirtualNode',
    spec: {
      backendDefaults: { clientPolicy },
      backendGroups: [{ name: '*', namespace: 'n' }],
      backends: [{ virtualService: { virtualServiceRef: { name: 's', namespace: 'n' }, clientPolicy } }],
      podSelector: { matchLabels: { app: 'a' } },
      logging: { accessLog: { file: { path: '/l', format: { text: '%START_TIME%' } } } },
      serviceDiscovery: {
        awsCloudMap: { namespaceName: 'ns', serviceName: 's', attributes: [{ key: 'k', value: 'v' }] },
        dns: { hostname: 'h', responseType: 'ENDPOINTS' },
      },
      listeners: [
        {
          portMapping: { port: 80, protocol: 'http' },
          healthCheck: health,
          outlierDetection: {
            maxServerErrors: 5,
            interval: duration,
            baseEjectionDuration: duration,
            maxEjectionPercent: 50,
          },
          connectionPool: { tcp: { maxConnections: 1 } },
          timeout: { http: { idle: duration, perRequest: duration }, tcp: { idle: duration } },
          tls: { ...tls, validation: { trust: { file: { certificateChain: '/ca.pem' } } } },
        },
      ],
    },
  },
  {
    kind: 'VirtualRouter',
    where: 'rich VirtualRouter',
    spec: {
      awsName: 'r',
      listeners: [{ portMapping: { port: 80, protocol: 'grpc' } }],
      routes: [
        {
          name: 'g',
          priority: 10,
          grpcRoute: {
            match: { serviceName: 's', methodName: 'm', port: 80, metadata: headers },
            action: { weightedTargets: [{ virtualNodeARN: 'arn:x', weight: 100, port: 80 }] },
            retryPolicy: {
              grpcRetryEvents: ['cancelled'],
              httpRetryEvents: ['server-error'],
              tcpRetryEvents: ['connection-error'],
              maxRetries: 3,
              perRetryTimeout: duration,
            },
            timeout: { idle: duration, perRequest: duration },
          },
        },
        {
          name: 'h',
          httpRoute: {
            match: {
              path: { regex: '.*' },
              method: 'GET',
              scheme: 'https',
              headers,
              queryParameters: [{ name: 'q', match: { exact: 'v' } }],
            },
            action: { weightedTargets: [{ virtualNodeRef: { name: 'n' }, weight: 1 }] },
            retryPolicy: { maxRetries: 1, perRetryTimeout: duration, httpRetryEvents: ['gateway-error'] },
          },
        },
        {
          name: 't',
          tcpRoute: {
            match: { port: 80 },
            action: { weightedTargets: [{ virtualNodeRef: { name: 'n' }, weight: 1 }] },
            timeout: { idle: duration },
          },
        },
      ],
    },
  },
  {
    kind: 'GatewayRoute',
    where: 'rich http GatewayRoute',
    spec: {
      priority: 5,
      httpRoute: {
        match: {
          prefix: '/a',
          hostname: { suffix: '.example.com' },
          method: 'POST',
          port: 80,
          headers,
          queryParameters: [{ name: 'q' }],
        },
        action: {
          target: { port: 80, virtualService: { virtualServiceARN: 'arn:x' } },
          rewrite: {
            prefix: { value: '/b/' },
            hostname: { defaultTargetHostname: 'DISABLED' },
            path: { exact: '/p' },
          },
        },
      },
    },
  },
  {
    kind: 'GatewayRoute',
    where: 'rich grpc GatewayRoute',
    spec: {
      grpcRoute: {
        match: { serviceName: 's', hostname: { exact: 'h' }, metadata: headers, port: 80 },
        action: {
          target: { virtualService: { virtualServiceRef: { name: 's' } } },
          rewrite: { hostname: { defaultTargetHostname: 'ENABLED' } },
        },
      },
    },
  },
  {
    kind: 'VirtualService',
    where: 'rich VirtualService',
    spec: {
      awsName: 's',
      provider: {
        virtualRouter: { virtualRouterARN: 'arn:x', virtualRouterRef: { name: 'r', namespace: 'n' } },
      },
    },
  },
  {
    kind: 'BackendGroup',
    where: 'rich BackendGroup',
    spec: { virtualservices: [{ name: 's', namespace: 'n' }] },
  },
];

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...paths(v, [...prefix, i]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

type Mutation = 'replace' | 'delete' | 'unknown-field' | 'empty-string' | 'bump' | 'boundary';

/** Values on both sides of every limit the CRDs state (ranges, thresholds, lengths). */
const BOUNDARY_NUMBERS = [
  -1, 0, 1, 2, 3, 9, 10, 11, 100, 101, 999, 1000, 1001, 1999, 2000, 4999, 5000, 60000, 60001, 65535, 65536,
  300000, 300001,
];
const BOUNDARY_LENGTHS = [0, 1, 50, 51, 253, 254, 255, 256, 1024, 1025];

/** Applies one mutation at one path of a deep copy: type flips, removals, unknown fields, boundary values. */
function mutate(spec: unknown, path: Path, mutation: Mutation, replacement: unknown, pick: number): unknown {
  const copy = structuredClone(spec) as Record<string | number, unknown>;
  if (path.length === 0) {
    if (mutation === 'unknown-field') (copy as Record<string, unknown>).extraField = replacement;
    return mutation === 'replace' ? replacement : copy;
  }
  let parent: Record<string | number, unknown> = copy;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const current = parent[last];
  switch (mutation) {
    case 'replace':
      parent[last] = replacement;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'unknown-field':
      if (typeof current === 'object' && current !== null && !Array.isArray(current))
        (current as Record<string, unknown>).unexpected = replacement;
      else parent[last] = { unexpected: replacement };
      break;
    case 'empty-string':
      parent[last] = '';
      break;
    case 'boundary':
      parent[last] =
        typeof current === 'string'
          ? 'a'.repeat(BOUNDARY_LENGTHS[pick % BOUNDARY_LENGTHS.length]!)
          : BOUNDARY_NUMBERS[pick % BOUNDARY_NUMBERS.length];
      break;
    case 'bump':
      parent[last] =
        typeof current === 'number' ? current * 1000 + 1 : typeof current === 'string' ? `${current}-x` : -1;
      break;
  }
  return copy;
}

describe.runIf(hasShared())('App Mesh schemas conform to the CRDs', () => {
  const validators = hasShared() ? crdValidators() : new Map<string, ValidateFunction>();
  const samples = hasShared() ? [...corpusSpecs(), ...RICH] : [];

  const agree = (kind: AppMeshKind, spec: unknown) => {
    const crd = validators.get(kind)!(spec);
    const ours = SPECS[kind].safeParse(spec).success;
    return { crd, ours };
  };

  it('has a CRD for each of the seven kinds', () => {
    expect([...validators.keys()].sort()).toEqual(Object.keys(SPECS).sort());
  });

  it('agrees with the CRDs on every App Mesh object of the corpus', () => {
    expect(samples.length).toBeGreaterThan(150);
    for (const s of samples) {
      const { crd, ours } = agree(s.kind, s.spec);
      expect({ where: s.where, ours }).toEqual({ where: s.where, ours: crd });
    }
    // The corpus holds both: objects the CRDs accept and objects they reject.
    expect(samples.some((s) => !agree(s.kind, s.spec).crd)).toBe(true);
  });

  it('agrees with the CRDs on every single-field mutation of every distinct sample', () => {
    const distinct = [...new Map(samples.map((x) => [`${x.kind}:${JSON.stringify(x.spec)}`, x])).values()];
    let checked = 0;
    const mismatches: string[] = [];
    for (const sample of distinct) {
      for (const path of paths(sample.spec)) {
        const variants: unknown[] = [
          mutate(sample.spec, path, 'delete', undefined, 0),
          mutate(sample.spec, path, 'unknown-field', 'x', 0),
          mutate(sample.spec, path, 'replace', 'text', 0),
          mutate(sample.spec, path, 'replace', 7, 0),
          mutate(sample.spec, path, 'replace', {}, 0),
          mutate(sample.spec, path, 'replace', [], 0),
          ...BOUNDARY_NUMBERS.map((_, i) => mutate(sample.spec, path, 'boundary', undefined, i)),
        ];
        for (const spec of variants) {
          checked++;
          const { crd, ours } = agree(sample.kind, spec);
          if (crd !== ours && mismatches.length < 5)
            mismatches.push(`${sample.where} at ${path.join('.')}: CRD ${crd}, meshcd ${ours}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('agrees with the CRDs on generated mutations of corpus objects', () => {
    const values = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5, max: 400_000 }),
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.boolean(),
      fc.constant({}),
      fc.constant([]),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
      fc.constantFrom(
        'http',
        'tcp',
        'grpc',
        's',
        'ms',
        'STRICT',
        'ENABLED',
        'ALLOW_ALL',
        'GET',
        'server-error',
      ),
    );
    const mutations = fc.constantFrom<Mutation>(
      'replace',
      'delete',
      'unknown-field',
      'empty-string',
      'bump',
      'boundary',
      'boundary',
    );
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        mutations,
        values,
        fc.nat(),
        (sampleIndex, pathIndex, mutation, value, pick) => {
          const sample = samples[sampleIndex % samples.length]!;
          const all = paths(sample.spec);
          const path = all[pathIndex % all.length]!;
          const spec = mutate(sample.spec, path, mutation, value, pick);
          const { crd, ours } = agree(sample.kind, spec);
          if (!crd) rejected++;
          if (crd !== ours) {
            throw new Error(
              `${sample.where} ${mutation} at ${path.join('.')}: CRD ${crd}, meshcd ${ours}: ${JSON.stringify(spec)}`,
            );
          }
        },
      ),
      { numRuns: 3000, seed: 20260930 },
    );
    // Mutations must actually exercise rejection, or the comparison proves little.
    expect(rejected).toBeGreaterThan(500);
  });
});
