import { describe, expect, it } from 'vitest';
import type { RouteCrd } from '../../manifests/schemas/virtual-router.ts';
import { convertRoute, convertVirtualRouter } from './convert-virtual-router.ts';
import { fakeRefNames } from './fake-ref-names.ts';

const s = (value: number) => ({ unit: 's' as const, value });
const targets = {
  weightedTargets: [
    { virtualNodeRef: { name: 'v1' }, weight: 90 },
    { virtualNodeARN: 'arn:aws:appmesh:r:1:mesh/m/virtualNode/v2_ns', weight: 10, port: 8080 },
  ],
};
const sdkTargets = {
  weightedTargets: [
    { virtualNode: 'v1_ref', weight: 90 },
    { virtualNode: 'v2_ns', weight: 10, port: 8080 },
  ],
};

describe('convertVirtualRouter', () => {
  it('keeps only the listeners: routes are App Mesh resources of their own', () => {
    expect(
      convertVirtualRouter({
        listeners: [{ portMapping: { port: 80, protocol: 'tcp' } }],
        routes: [{ name: 'r', tcpRoute: { action: targets } }],
      }),
    ).toEqual({ listeners: [{ portMapping: { port: 80, protocol: 'tcp' } }] });
  });
});

describe('convertRoute', () => {
  it.each<[string, RouteCrd, unknown]>([
    [
      'an HTTP route with every match, retry and timeout field',
      {
        name: 'r',
        priority: 0,
        httpRoute: {
          match: {
            prefix: '/',
            method: 'GET',
            port: 80,
            headers: [{ name: 'x', match: { range: { start: 1, end: 3 } }, invert: true }],
            queryParameters: [{ name: 'q', match: { exact: 'v' } }],
          },
          action: targets,
          retryPolicy: {
            maxRetries: 3,
            perRetryTimeout: s(2),
            httpRetryEvents: ['server-error'],
            tcpRetryEvents: ['connection-error'],
          },
          timeout: { perRequest: s(5), idle: s(10) },
        },
      },
      {
        priority: 0,
        httpRoute: {
          match: {
            prefix: '/',
            method: 'GET',
            port: 80,
            headers: [{ name: 'x', match: { range: { start: 1, end: 3 } }, invert: true }],
            queryParameters: [{ name: 'q', match: { exact: 'v' } }],
          },
          action: sdkTargets,
          retryPolicy: {
            maxRetries: 3,
            perRetryTimeout: s(2),
            httpRetryEvents: ['server-error'],
            tcpRetryEvents: ['connection-error'],
          },
          timeout: { perRequest: s(5), idle: s(10) },
        },
      },
    ],
    [
      'an HTTP2 route with a path match and scheme, no priority sent when unset',
      { name: 'r', http2Route: { match: { path: { exact: '/a' }, scheme: 'https' }, action: targets } },
      { http2Route: { match: { path: { exact: '/a' }, scheme: 'https' }, action: sdkTargets } },
    ],
    [
      'a gRPC route with metadata and gRPC retry events',
      {
        name: 'r',
        grpcRoute: {
          match: { serviceName: 'svc', methodName: 'Get', metadata: [{ name: 'm', match: { exact: 'v' } }] },
          action: targets,
          retryPolicy: { maxRetries: 1, perRetryTimeout: s(1), grpcRetryEvents: ['unavailable'] },
        },
      },
      {
        grpcRoute: {
          match: { serviceName: 'svc', methodName: 'Get', metadata: [{ name: 'm', match: { exact: 'v' } }] },
          action: sdkTargets,
          retryPolicy: { maxRetries: 1, perRetryTimeout: s(1), grpcRetryEvents: ['unavailable'] },
        },
      },
    ],
    [
      'a TCP route without a match',
      { name: 'r', tcpRoute: { action: targets, timeout: { idle: s(30) } } },
      { tcpRoute: { action: sdkTargets, timeout: { idle: s(30) } } },
    ],
    [
      'empty retry event lists as absent',
      {
        name: 'r',
        httpRoute: {
          match: { prefix: '/' },
          action: targets,
          retryPolicy: { maxRetries: 1, perRetryTimeout: s(1), httpRetryEvents: [] },
        },
      },
      {
        httpRoute: {
          match: { prefix: '/' },
          action: sdkTargets,
          retryPolicy: { maxRetries: 1, perRetryTimeout: s(1) },
        },
      },
    ],
  ])('converts %s', (_, route, expected) => {
    expect(convertRoute(route, 0, fakeRefNames)).toEqual(expected);
  });
});
