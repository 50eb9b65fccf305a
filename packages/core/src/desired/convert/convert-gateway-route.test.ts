import { describe, expect, it } from 'vitest';
import type { GatewayRouteCrdSpec } from '../../manifests/schemas/gateway-route.ts';
import { convertGatewayRoute } from './convert-gateway-route.ts';
import { fakeRefNames } from './fake-ref-names.ts';

const target = { virtualService: { virtualServiceRef: { name: 'svc' } } };

describe('convertGatewayRoute', () => {
  it.each<[string, GatewayRouteCrdSpec, unknown]>([
    [
      'an HTTP route with hostname, headers, query parameters and every rewrite',
      {
        priority: 10,
        httpRoute: {
          match: {
            prefix: '/a/',
            hostname: { suffix: '.example.com' },
            method: 'POST',
            headers: [{ name: 'h', match: { suffix: 'x' } }],
            queryParameters: [{ name: 'q' }],
          },
          action: {
            target: { ...target, port: 8080 },
            rewrite: { prefix: { value: '/b/' }, hostname: { defaultTargetHostname: 'DISABLED' } },
          },
        },
      },
      {
        priority: 10,
        httpRoute: {
          match: {
            prefix: '/a/',
            hostname: { suffix: '.example.com' },
            method: 'POST',
            headers: [{ name: 'h', match: { suffix: 'x' } }],
            queryParameters: [{ name: 'q' }],
          },
          action: {
            target: { virtualService: { virtualServiceName: 'svc_ref' }, port: 8080 },
            rewrite: { prefix: { value: '/b/' }, hostname: { defaultTargetHostname: 'DISABLED' } },
          },
        },
      },
    ],
    [
      'an HTTP2 route with a path rewrite and a target by ARN',
      {
        http2Route: {
          match: { path: { exact: '/old' } },
          action: {
            target: {
              virtualService: { virtualServiceARN: 'arn:aws:appmesh:r:1:mesh/m/virtualService/s.ns' },
            },
            rewrite: { path: { exact: '/new' } },
          },
        },
      },
      {
        http2Route: {
          match: { path: { exact: '/old' } },
          action: {
            target: { virtualService: { virtualServiceName: 's.ns' } },
            rewrite: { path: { exact: '/new' } },
          },
        },
      },
    ],
    [
      'a gRPC route with metadata and a hostname rewrite',
      {
        grpcRoute: {
          match: {
            serviceName: 'svc',
            metadata: [{ name: 'm', invert: true, match: { regex: 'a.*' } }],
            port: 9000,
          },
          action: { target, rewrite: { hostname: { defaultTargetHostname: 'ENABLED' } } },
        },
      },
      {
        grpcRoute: {
          match: {
            serviceName: 'svc',
            metadata: [{ name: 'm', invert: true, match: { regex: 'a.*' } }],
            port: 9000,
          },
          action: {
            target: { virtualService: { virtualServiceName: 'svc_ref' } },
            rewrite: { hostname: { defaultTargetHostname: 'ENABLED' } },
          },
        },
      },
    ],
  ])('converts %s', (_, spec, expected) => {
    expect(convertGatewayRoute(spec, fakeRefNames)).toEqual(expected);
  });
});
