import { describe, expect, it } from 'vitest';
import type { VirtualGatewayCrdSpec } from '../../manifests/schemas/virtual-gateway.ts';
import { convertVirtualGateway } from './convert-virtual-gateway.ts';

const portMapping = { port: 8088, protocol: 'http' as const };

describe('convertVirtualGateway', () => {
  it.each<[string, VirtualGatewayCrdSpec, unknown]>([
    [
      'listeners, dropping selectors',
      { listeners: [{ portMapping }], podSelector: {}, namespaceSelector: {}, gatewayRouteSelector: {} },
      { listeners: [{ portMapping }] },
    ],
    [
      'a connection pool and a health check',
      {
        listeners: [
          {
            portMapping,
            connectionPool: { http2: { maxRequests: 4 } },
            healthCheck: {
              healthyThreshold: 2,
              intervalMillis: 5000,
              protocol: 'http',
              timeoutMillis: 2000,
              unhealthyThreshold: 2,
              path: '/ping',
            },
          },
        ],
      },
      {
        listeners: [
          {
            portMapping,
            connectionPool: { http2: { maxRequests: 4 } },
            healthCheck: {
              healthyThreshold: 2,
              intervalMillis: 5000,
              protocol: 'http',
              timeoutMillis: 2000,
              unhealthyThreshold: 2,
              path: '/ping',
            },
          },
        ],
      },
    ],
    [
      'backend defaults and text access logs',
      {
        listeners: [{ portMapping }],
        backendDefaults: {
          clientPolicy: {
            tls: { enforce: true, ports: [443], validation: { trust: { sds: { secretName: 'ca' } } } },
          },
        },
        logging: { accessLog: { file: { path: '/dev/stdout', format: { text: '%START_TIME%' } } } },
      },
      {
        listeners: [{ portMapping }],
        backendDefaults: {
          clientPolicy: {
            tls: { enforce: true, ports: [443], validation: { trust: { sds: { secretName: 'ca' } } } },
          },
        },
        logging: { accessLog: { file: { path: '/dev/stdout', format: { text: '%START_TIME%' } } } },
      },
    ],
  ])('converts %s', (_, spec, expected) => {
    expect(convertVirtualGateway(spec)).toEqual(expected);
  });

  it('converts listener TLS validation with subjectAlternativeNames, where the controller crashes on a nil match', () => {
    const spec = convertVirtualGateway({
      listeners: [
        {
          portMapping,
          tls: {
            mode: 'STRICT',
            certificate: { sds: { secretName: 'gw' } },
            validation: {
              trust: { acm: { certificateAuthorityARNs: ['ca'] } },
              subjectAlternativeNames: { match: { exact: ['svc.local'] } },
            },
          },
        },
      ],
    });
    expect(spec.listeners?.[0]?.tls).toEqual({
      mode: 'STRICT',
      certificate: { sds: { secretName: 'gw' } },
      validation: {
        trust: { acm: { certificateAuthorityArns: ['ca'] } },
        subjectAlternativeNames: { match: { exact: ['svc.local'] } },
      },
    });
  });
});
