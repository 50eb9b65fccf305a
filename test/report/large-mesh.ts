import type { DetectDriftResult } from '@meshcd/core';

type CountedResource = DetectDriftResult['resources'][number];

/**
 * A mesh of `apps` applications, each a service behind a router whose route splits 90/10 between two
 * node versions, every node calling two other apps' services, reached through two gateways: 6 resources
 * per app plus the gateways (33 apps: 200 resources, 330 edges).
 */
export function largeMesh(apps: number, mesh = 'shop'): CountedResource[] {
  const key = (path: string) => `appmesh:${mesh}/${path}`;
  const service = (i: number) => `app-${i}.${mesh}.svc.cluster.local`;
  const out: CountedResource[] = [0, 1].map((g) => ({
    key: key(`VirtualGateway/gw-${g}`),
    kind: 'VirtualGateway',
    meshName: mesh,
    name: `gw-${g}`,
    spec: {},
  }));
  for (let i = 0; i < apps; i++) {
    const router = `app-${i}`;
    const gateway = `gw-${i % 2}`;
    out.push(
      {
        key: key(`VirtualGateway/${gateway}/GatewayRoute/app-${i}`),
        kind: 'GatewayRoute',
        meshName: mesh,
        name: `app-${i}`,
        virtualGatewayName: gateway,
        spec: { httpRoute: { action: { target: { virtualService: { virtualServiceName: service(i) } } } } },
      },
      {
        key: key(`VirtualService/${service(i)}`),
        kind: 'VirtualService',
        meshName: mesh,
        name: service(i),
        spec: { provider: { virtualRouter: { virtualRouterName: router } } },
      },
      { key: key(`VirtualRouter/${router}`), kind: 'VirtualRouter', meshName: mesh, name: router, spec: {} },
      {
        key: key(`VirtualRouter/${router}/Route/app-${i}-split`),
        kind: 'Route',
        meshName: mesh,
        name: `app-${i}-split`,
        virtualRouterName: router,
        spec: {
          httpRoute: {
            action: {
              weightedTargets: [
                { virtualNode: `app-${i}-v1_${mesh}`, weight: 90 },
                { virtualNode: `app-${i}-v2_${mesh}`, weight: 10 },
              ],
            },
          },
        },
      },
      ...[1, 2].map(
        (v): CountedResource => ({
          key: key(`VirtualNode/app-${i}-v${v}_${mesh}`),
          kind: 'VirtualNode',
          meshName: mesh,
          name: `app-${i}-v${v}_${mesh}`,
          spec: {
            backends: [(i + v) % apps, (i + 7 * v) % apps].map((b) => ({
              virtualService: { virtualServiceName: service(b) },
            })),
          },
        }),
      ),
    );
  }
  return out;
}
