import { describe, expect, it } from 'vitest';
import { isLatticeName } from './lattice-name.ts';
import { node, ofKind, router, rowsOf, SHOP, service, translateSet } from './lattice-test-set.ts';

const HTTP_LISTENER = '    - portMapping: { port: 8080, protocol: http }';
const route = (name: string, body: string, priority?: number) =>
  `    - name: ${name}\n${priority === undefined ? '' : `      priority: ${priority}\n`}${body}`;
const httpRoute = (
  match: string,
  targets = '            - virtualNodeRef: { name: blue }\n              weight: 1',
) => `      httpRoute:\n        match:\n${match}\n        action:\n          weightedTargets:\n${targets}\n`;

const COLOR = SHOP + node('blue') + node('green');

describe('translateToLattice: meshes', () => {
  it('turns the mesh into a service network joined by the cluster VPC, both tagged with their owner and source', () => {
    const t = translateSet(SHOP);
    const [network] = ofKind(t, 'ServiceNetwork');
    const [association] = ofKind(t, 'ServiceNetworkVpcAssociation');
    expect(network).toMatchObject({
      name: 'shop',
      spec: { authType: 'NONE' },
      tags: { 'meshcd:target': 'prod', 'meshcd:source': 'Mesh//shop' },
    });
    expect(association?.spec).toEqual({ serviceNetworkKey: network!.key, vpcIdentifier: 'vpc-1' });
    expect(association?.dependsOn).toEqual([network!.key]);
  });

  it('associates the cluster VPC with one network only and reports the other meshes as unreachable', () => {
    const other = SHOP.replaceAll('shop', 'bank');
    const t = translateSet(`${SHOP}---\n${other}`, { associatedMesh: 'shop' });
    expect(
      ofKind(t, 'ServiceNetwork')
        .map((n) => n.name)
        .sort(),
    ).toEqual(['bank', 'shop']);
    expect(ofKind(t, 'ServiceNetworkVpcAssociation').map((a) => a.spec.serviceNetworkKey)).toEqual([
      'lattice:ServiceNetwork/shop',
    ]);
    expect(
      t.findings.filter((f) => f.row === 'mesh.otherVpcAssociation').map((f) => f.source.ref.name),
    ).toEqual(['bank']);
  });

  it('reports DROP_ALL egress as lost', () => {
    const t = translateSet(SHOP.replace('spec:\n', 'spec:\n  egressFilter: { type: DROP_ALL }\n'));
    expect(t.findings.find((f) => f.row === 'mesh.egressFilter.dropAll')?.class).toBe('none');
  });
});

describe('translateToLattice: a virtual service with a node provider', () => {
  const yaml =
    SHOP +
    node(
      'api',
      `${HTTP_LISTENER}\n      healthCheck: { protocol: http, path: /ping, healthyThreshold: 3, unhealthyThreshold: 2, intervalMillis: 7500, timeoutMillis: 2000 }`,
    ) +
    service('api', '{ virtualNode: { virtualNodeRef: { name: api } } }');

  it('becomes a service in the network with one listener forwarding to the node target group', () => {
    const t = translateSet(yaml);
    const [svc] = ofKind(t, 'Service');
    expect(svc).toMatchObject({ name: 'api-shop', spec: { authType: 'NONE' } });
    expect(ofKind(t, 'ServiceNetworkServiceAssociation')[0]?.spec).toEqual({
      serviceNetworkKey: 'lattice:ServiceNetwork/shop',
      serviceKey: svc!.key,
    });
    const [tg] = ofKind(t, 'TargetGroup');
    expect(ofKind(t, 'Listener')).toEqual([
      expect.objectContaining({
        name: 'http-8080',
        spec: {
          serviceKey: svc!.key,
          protocol: 'HTTP',
          port: 8080,
          defaultAction: { forward: { targetGroups: [{ targetGroupKey: tg!.key, weight: 1 }] } },
        },
      }),
    ]);
    expect(ofKind(t, 'Rule')).toEqual([]);
  });

  it('gives the target group the node port, protocol and health check, and pods of its podSelector as targets', () => {
    const [tg] = ofKind(translateSet(yaml), 'TargetGroup');
    expect(tg).toMatchObject({ name: 'api-shop-api-8080', serviceKey: 'lattice:Service/api-shop' });
    expect(tg!.spec.config).toEqual({
      port: 8080,
      protocol: 'HTTP',
      protocolVersion: 'HTTP1',
      ipAddressType: 'IPV4',
      vpcIdentifier: 'vpc-1',
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        path: '/ping',
        healthCheckIntervalSeconds: 8,
        healthCheckTimeoutSeconds: 2,
        healthyThresholdCount: 3,
        unhealthyThresholdCount: 2,
        matcher: { httpCode: '200' },
      },
    });
    expect(tg!.targets).toEqual({
      from: 'pods',
      namespace: 'shop',
      podSelector: { matchLabels: { app: 'api' } },
      port: 8080,
    });
  });

  it('reports the interval rounded up to whole seconds, and the client name that changes', () => {
    const t = translateSet(yaml);
    expect(rowsOf(t)).toContain('virtualNode.healthCheck.seconds');
    expect(t.clientNames).toEqual([
      expect.objectContaining({
        from: 'api.shop.svc.cluster.local',
        service: 'api-shop',
        generated: 'api-shop-<id>.<partition>.vpc-lattice-svcs.<region>.on.aws',
      }),
    ]);
  });

  it('uses the custom domain the target configures, create-only, and says clients call it', () => {
    const t = translateSet(yaml, {
      customDomains: {
        'api.shop.svc.cluster.local': {
          domainName: 'api.internal.example',
          certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
        },
      },
    });
    expect(ofKind(t, 'Service')[0]?.spec).toMatchObject({
      customDomainName: 'api.internal.example',
      certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
    });
    expect(t.clientNames[0]?.customDomain).toBe('api.internal.example');
  });

  it('disables the check of a gRPC health check and reports it lost', () => {
    const t = translateSet(
      SHOP +
        node(
          'api',
          '    - portMapping: { port: 9000, protocol: grpc }\n      healthCheck: { protocol: grpc, healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 }',
        ) +
        service('api', '{ virtualNode: { virtualNodeRef: { name: api } } }'),
    );
    expect(ofKind(t, 'TargetGroup')[0]?.spec.config).toMatchObject({
      protocolVersion: 'GRPC',
      healthCheck: { enabled: false },
    });
    expect(ofKind(t, 'Listener')[0]?.spec.protocol).toBe('HTTPS');
    expect(rowsOf(t)).toEqual(
      expect.arrayContaining(['virtualNode.healthCheck.grpc', 'virtualRouter.listener.grpc']),
    );
  });

  it('makes no listener for a tcp listener and reports it lost', () => {
    const t = translateSet(
      SHOP +
        node('db', '    - portMapping: { port: 5432, protocol: tcp }') +
        service('db', '{ virtualNode: { virtualNodeRef: { name: db } } }'),
    );
    expect(ofKind(t, 'Listener')).toEqual([]);
    expect(t.findings.find((f) => f.row === 'virtualNode.listener.tcp')?.class).toBe('none');
  });
});

describe('translateToLattice: routers', () => {
  const provider = '{ virtualRouter: { virtualRouterRef: { name: color } } }';
  const colorRouter = (routes: string, listeners = HTTP_LISTENER) =>
    COLOR + router('color', listeners, routes) + service('color', provider);

  it('orders rules by App Mesh priority + 1, routes without one after them in manifest order, all unique', () => {
    const prefix = (p: string) => httpRoute(`          prefix: ${p}`);
    const t = translateSet(
      colorRouter(
        [
          route('late', prefix('/late')),
          route('five', prefix('/a'), 5),
          route('zero', prefix('/b'), 0),
          route('zero-too', prefix('/c'), 0),
        ].join(''),
      ),
    );
    const byPriority = ofKind(t, 'Rule').sort((a, b) => a.spec.priority - b.spec.priority);
    expect(byPriority.map((r) => [r.name, r.spec.priority])).toEqual([
      ['zero', 1],
      ['zero-too', 2],
      ['five', 6],
      ['late', 7],
    ]);
  });

  it('answers 404 by default and copies weights into the forward action', () => {
    const targets =
      '            - virtualNodeRef: { name: blue }\n              weight: 30\n            - virtualNodeRef: { name: green }\n              weight: 70';
    const t = translateSet(colorRouter(route('split', httpRoute('          prefix: /', targets))));
    expect(ofKind(t, 'Listener')[0]?.spec.defaultAction).toEqual({ fixedResponse: { statusCode: 404 } });
    const [rule] = ofKind(t, 'Rule');
    expect(rule?.spec.action).toEqual({
      forward: {
        targetGroups: [
          { targetGroupKey: 'lattice:TargetGroup/color-shop-blue-8080', weight: 30 },
          { targetGroupKey: 'lattice:TargetGroup/color-shop-green-8080', weight: 70 },
        ],
      },
    });
    expect(rule?.spec.match).toEqual({
      httpMatch: { pathMatch: { match: { prefix: '/' }, caseSensitive: true } },
    });
    expect(rule?.dependsOn).toEqual([
      rule!.spec.listenerKey,
      'lattice:TargetGroup/color-shop-blue-8080',
      'lattice:TargetGroup/color-shop-green-8080',
    ]);
  });

  it('translates exact paths, methods and exact or prefix headers case-sensitively', () => {
    const match =
      '          path: { exact: /cart }\n          method: PUT\n          headers:\n            - name: x-v\n              match: { exact: "2" }\n            - name: x-u\n              match: { prefix: beta }';
    const [rule] = ofKind(translateSet(colorRouter(route('r', httpRoute(match)))), 'Rule');
    expect(rule?.spec.match.httpMatch).toEqual({
      method: 'PUT',
      pathMatch: { match: { exact: '/cart' }, caseSensitive: true },
      headerMatches: [
        { name: 'x-v', match: { exact: '2' }, caseSensitive: true },
        { name: 'x-u', match: { prefix: 'beta' }, caseSensitive: true },
      ],
    });
  });

  it('turns literal header regexes into exact, prefix or contains and reports them approximate', () => {
    const header = (re: string) => `            - name: h\n              match: { regex: "${re}" }`;
    const match = `          prefix: /\n          headers:\n${header('^v2$')}\n${header('beta.*')}\n${header('.*blue.*')}`;
    const t = translateSet(colorRouter(route('r', httpRoute(match))));
    expect(ofKind(t, 'Rule')[0]?.spec.match.httpMatch.headerMatches?.map((h) => h.match)).toEqual([
      { exact: 'v2' },
      { prefix: 'beta' },
      { contains: 'blue' },
    ]);
    expect(t.findings.filter((f) => f.row === 'route.match.header.regex')).toHaveLength(3);
  });

  it('leaves out a route whose match Lattice cannot express, rather than widening it, and reports it lost', () => {
    const lostMatches = [
      '          prefix: /\n          headers:\n            - name: h\n              match: { regex: "v[0-9]+" }',
      '          prefix: /\n          queryParameters:\n            - name: q\n              match: { exact: "1" }',
      '          path: { regex: "/a/.*" }',
      '          prefix: /\n          headers:\n            - name: h\n              invert: true\n              match: { exact: a }',
      `          prefix: /\n          headers:\n${Array.from({ length: 6 }, (_, i) => `            - name: h${i}\n              match: { exact: a }`).join('\n')}`,
    ];
    for (const m of lostMatches) {
      const t = translateSet(
        colorRouter(route('narrow', httpRoute(m), 0) + route('all', httpRoute('          prefix: /'), 1)),
      );
      expect(ofKind(t, 'Rule').map((r) => r.name)).toEqual(['all']);
      expect(t.findings.some((f) => f.class === 'none' && f.source.location.line > 0)).toBe(true);
    }
  });

  it('keeps the rule of a route with retries and a per-request timeout, reporting both lost, and sets the idle timeout within 60 to 600 s', () => {
    const body = `${httpRoute('          prefix: /')}        retryPolicy: { maxRetries: 3, perRetryTimeout: { unit: s, value: 2 }, httpRetryEvents: [server-error] }\n        timeout: { perRequest: { unit: s, value: 5 }, idle: { unit: s, value: 30 } }\n`;
    const t = translateSet(colorRouter(route('r', body)));
    expect(ofKind(t, 'Rule')).toHaveLength(1);
    expect(t.findings.filter((f) => f.class === 'none').map((f) => f.row)).toEqual(
      expect.arrayContaining(['route.retryPolicy', 'route.timeout.perRequest']),
    );
    expect(ofKind(t, 'Service')[0]?.spec.idleTimeoutSeconds).toBe(60);
    expect(rowsOf(t)).toContain('route.timeout.idle');
  });

  it('matches gRPC service and method as a POST to their path', () => {
    const grpc =
      '      grpcRoute:\n        match: { serviceName: shop.Cart, methodName: Add }\n        action:\n          weightedTargets:\n            - virtualNodeRef: { name: blue }\n              weight: 1\n';
    const t = translateSet(
      colorRouter(route('g', grpc), '    - portMapping: { port: 8080, protocol: grpc }'),
    );
    expect(ofKind(t, 'Rule')[0]?.spec.match.httpMatch).toEqual({
      method: 'POST',
      pathMatch: { match: { exact: '/shop.Cart/Add' }, caseSensitive: true },
    });
    expect(ofKind(t, 'Listener')[0]?.spec.protocol).toBe('HTTPS');
  });

  it('puts a route on the listener its match.port names', () => {
    const listeners = `${HTTP_LISTENER}\n    - portMapping: { port: 9090, protocol: http }`;
    const t = translateSet(
      colorRouter(route('p', httpRoute('          prefix: /\n          port: 9090')), listeners),
    );
    expect(ofKind(t, 'Listener').map((l) => l.name)).toEqual(['http-8080', 'http-9090']);
    expect(ofKind(t, 'Rule').map((r) => r.spec.listenerKey)).toEqual([
      'lattice:Service/color-shop/Listener/http-9090',
    ]);
  });

  it('copies a router shared by two services into each, with target groups of their own', () => {
    const t = translateSet(
      colorRouter(route('any', httpRoute('          prefix: /'))) + service('paint', provider),
    );
    expect(
      ofKind(t, 'Rule')
        .map((r) => r.key)
        .sort(),
    ).toEqual([
      'lattice:Service/color-shop/Listener/http-8080/Rule/any',
      'lattice:Service/paint-shop/Listener/http-8080/Rule/any',
    ]);
    expect(
      ofKind(t, 'TargetGroup')
        .map((g) => g.serviceKey)
        .sort(),
    ).toEqual(['lattice:Service/color-shop', 'lattice:Service/paint-shop']);
    expect(rowsOf(t)).toContain('virtualRouter.shared');
  });
});

describe('translateToLattice: backends and access', () => {
  const callers = `${SHOP}${node('web', HTTP_LISTENER, '  backends:\n    - virtualService: { virtualServiceRef: { name: api } }')}${node('api')}${service('api', '{ virtualNode: { virtualNodeRef: { name: api } } }')}---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop, annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/web" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { serviceAccountName: web, containers: [{ name: web, image: web }] }
`;

  it('reports backends as not enforced under authType NONE', () => {
    const t = translateSet(callers);
    expect(ofKind(t, 'AuthPolicy')).toEqual([]);
    expect(t.findings.find((f) => f.row === 'virtualNode.backends.none')?.source.ref.name).toBe('web');
  });

  it("under AWS_IAM allows each backend's callers by their pods' IAM role", () => {
    const t = translateSet(callers, { authType: 'AWS_IAM' });
    expect(ofKind(t, 'Service')[0]?.spec.authType).toBe('AWS_IAM');
    expect(ofKind(t, 'ServiceNetwork')[0]?.spec.authType).toBe('NONE');
    expect(ofKind(t, 'AuthPolicy')).toEqual([
      expect.objectContaining({
        spec: {
          resourceKey: 'lattice:Service/api-shop',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: ['arn:aws:iam::111122223333:role/web'] },
                Action: 'vpc-lattice-svcs:Invoke',
                Resource: '*',
              },
            ],
          },
        },
      }),
    ]);
    expect(ofKind(t, 'AuthPolicy')[0]?.tags).toBeUndefined();
  });

  it('under AWS_IAM reports callers whose role is unknown and services nobody may call', () => {
    const t = translateSet(
      callers.replace(
        ', annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/web" }',
        '',
      ),
      { authType: 'AWS_IAM' },
    );
    expect(rowsOf(t)).toEqual(
      expect.arrayContaining(['virtualNode.backends.roleUnknown', 'virtualNode.backends.iamNoCaller']),
    );
    const mapped = translateSet(
      callers.replace(
        ', annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/web" }',
        '',
      ),
      {
        authType: 'AWS_IAM',
        serviceAccountRoles: { 'shop/web': 'arn:aws:iam::1:role/mapped' },
      },
    );
    expect(ofKind(mapped, 'AuthPolicy')[0]?.spec.policy.Statement[0]?.Principal).toEqual({
      AWS: ['arn:aws:iam::1:role/mapped'],
    });
  });
});

describe('translateToLattice: names', () => {
  it('gives every resource a valid Lattice name and tells apart services whose names would clash', () => {
    const t = translateSet(
      `${SHOP}${node('api')}${service('a-b', '{ virtualNode: { virtualNodeRef: { name: api } } }').replace('awsName: a-b.shop.svc.cluster.local', 'awsName: a.b')}${service('a-b2', '{ virtualNode: { virtualNodeRef: { name: api } } }').replace('awsName: a-b2.shop.svc.cluster.local', 'awsName: a_b')}`,
    );
    const names = ofKind(t, 'Service').map((s) => s.name);
    expect(new Set(names).size).toBe(2);
    for (const r of t.desired.resources) {
      if (
        r.kind === 'Service' ||
        r.kind === 'TargetGroup' ||
        r.kind === 'ServiceNetwork' ||
        r.kind === 'Listener' ||
        r.kind === 'Rule'
      )
        expect(isLatticeName(r.kind, r.name), `${r.kind} ${r.name}`).toBe(true);
    }
  });
});
