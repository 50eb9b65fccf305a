import { node, router, SHOP, service } from '../../packages/core/src/lattice/lattice-test-set.ts';

/**
 * A small set that maps exactly to Lattice, as one file: mesh `shop`, nodes blue and green, and service `api`
 * routing `blue` percent of the traffic to blue and the rest to green (at 100, green is not in the set).
 */
export const shopManifest = (blue: number) =>
  SHOP +
  node('blue') +
  (blue < 100 ? node('green') : '') +
  router(
    'api',
    '    - portMapping: { port: 8080, protocol: http }',
    `    - name: api-route
      httpRoute:
        match: { prefix: / }
        action:
          weightedTargets:
            - { virtualNodeRef: { name: blue }, weight: ${blue} }
${blue < 100 ? `            - { virtualNodeRef: { name: green }, weight: ${100 - blue} }\n` : ''}`,
  ) +
  service('api', '{ virtualRouter: { virtualRouterRef: { name: api } } }');
