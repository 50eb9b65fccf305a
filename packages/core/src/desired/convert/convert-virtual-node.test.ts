import { describe, expect, it } from 'vitest';
import type { VirtualNodeCrdSpec } from '../../manifests/schemas/virtual-node.ts';
import { convertVirtualNode } from './convert-virtual-node.ts';
import { fakeRefNames } from './fake-ref-names.ts';

const ms = (value: number) => ({ unit: 'ms' as const, value });
const listener = { portMapping: { port: 8080, protocol: 'http' as const } };

describe('convertVirtualNode', () => {
  it.each<[string, VirtualNodeCrdSpec, unknown]>([
    ['an empty spec as an empty SDK spec', {}, {}],
    ['empty lists as absent, never []', { listeners: [], backends: [] }, {}],
    [
      'a listener with every optional part',
      {
        listeners: [
          {
            ...listener,
            healthCheck: {
              healthyThreshold: 2,
              intervalMillis: 5000,
              protocol: 'http',
              timeoutMillis: 2000,
              unhealthyThreshold: 3,
            },
            outlierDetection: {
              maxServerErrors: 5,
              interval: ms(10),
              baseEjectionDuration: ms(20),
              maxEjectionPercent: 50,
            },
            connectionPool: { http: { maxConnections: 10 } },
            timeout: { http: { perRequest: ms(100) } },
          },
        ],
      },
      {
        listeners: [
          {
            portMapping: { port: 8080, protocol: 'http' },
            // path and port stay absent so App Mesh fills in the listener's port.
            healthCheck: {
              healthyThreshold: 2,
              intervalMillis: 5000,
              protocol: 'http',
              timeoutMillis: 2000,
              unhealthyThreshold: 3,
            },
            outlierDetection: {
              maxServerErrors: 5,
              interval: ms(10),
              baseEjectionDuration: ms(20),
              maxEjectionPercent: 50,
            },
            connectionPool: { http: { maxConnections: 10 } },
            timeout: { http: { perRequest: ms(100) } },
          },
        ],
      },
    ],
    [
      'listener TLS with ACM certificate and SDS trust, renaming certificateARN',
      {
        listeners: [
          {
            ...listener,
            tls: {
              mode: 'STRICT',
              certificate: { acm: { certificateARN: 'arn:aws:acm:eu-west-1:1:certificate/c' } },
              validation: {
                trust: { sds: { secretName: 's' } },
                subjectAlternativeNames: { match: { exact: ['a.b'] } },
              },
            },
          },
        ],
      },
      {
        listeners: [
          {
            portMapping: { port: 8080, protocol: 'http' },
            tls: {
              mode: 'STRICT',
              certificate: { acm: { certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/c' } },
              validation: {
                trust: { sds: { secretName: 's' } },
                subjectAlternativeNames: { match: { exact: ['a.b'] } },
              },
            },
          },
        ],
      },
    ],
    [
      'DNS service discovery with a response type',
      { serviceDiscovery: { dns: { hostname: 'a.svc', responseType: 'ENDPOINTS' } } },
      { serviceDiscovery: { dns: { hostname: 'a.svc', responseType: 'ENDPOINTS' } } },
    ],
    [
      'Cloud Map service discovery, empty attributes dropped',
      { serviceDiscovery: { awsCloudMap: { namespaceName: 'ns', serviceName: 's', attributes: [] } } },
      { serviceDiscovery: { awsCloudMap: { namespaceName: 'ns', serviceName: 's' } } },
    ],
    [
      'backends by reference and by ARN, with a client policy renaming certificateAuthorityARNs',
      {
        backends: [
          { virtualService: { virtualServiceRef: { name: 'a' } } },
          {
            virtualService: {
              virtualServiceARN: 'arn:aws:appmesh:eu-west-1:1:mesh/m/virtualService/b.ns',
              clientPolicy: {
                tls: {
                  enforce: false,
                  ports: [],
                  validation: { trust: { acm: { certificateAuthorityARNs: ['ca'] } } },
                },
              },
            },
          },
        ],
      },
      {
        backends: [
          { virtualService: { virtualServiceName: 'a_ref' } },
          {
            virtualService: {
              virtualServiceName: 'b.ns',
              clientPolicy: {
                tls: { enforce: false, validation: { trust: { acm: { certificateAuthorityArns: ['ca'] } } } },
              },
            },
          },
        ],
      },
    ],
    [
      'backend defaults with a client certificate for mTLS',
      {
        backendDefaults: {
          clientPolicy: {
            tls: {
              certificate: { file: { certificateChain: '/c', privateKey: '/k' } },
              validation: { trust: { file: { certificateChain: '/ca' } } },
            },
          },
        },
      },
      {
        backendDefaults: {
          clientPolicy: {
            tls: {
              certificate: { file: { certificateChain: '/c', privateKey: '/k' } },
              validation: { trust: { file: { certificateChain: '/ca' } } },
            },
          },
        },
      },
    ],
    [
      'access logging with a JSON format',
      {
        logging: {
          accessLog: { file: { path: '/dev/stdout', format: { json: [{ key: 'k', value: '%v%' }] } } },
        },
      },
      {
        logging: {
          accessLog: { file: { path: '/dev/stdout', format: { json: [{ key: 'k', value: '%v%' }] } } },
        },
      },
    ],
  ])('converts %s', (_, spec, expected) => {
    expect(convertVirtualNode(spec, fakeRefNames)).toEqual(expected);
  });

  it('drops Kubernetes-only fields: podSelector, backendGroups, awsName', () => {
    const spec = convertVirtualNode(
      { awsName: 'x', podSelector: { matchLabels: { a: 'b' } }, backendGroups: [{ name: 'g' }] },
      fakeRefNames,
    );
    expect(spec).toEqual({});
  });

  it('appends BackendGroup backends after explicit ones, sorted, so the spec never depends on map order (#785)', () => {
    const spec = convertVirtualNode(
      { backends: [{ virtualService: { virtualServiceRef: { name: 'z' } } }] },
      fakeRefNames,
      [{ virtualServiceName: 'c.ns' }, { virtualServiceName: 'a.ns' }],
    );
    expect(spec.backends?.map((b) => b.virtualService?.virtualServiceName)).toEqual([
      'z_ref',
      'a.ns',
      'c.ns',
    ]);
    expect(spec.backends?.[1]).toEqual({ virtualService: { virtualServiceName: 'a.ns' } });
  });
});
