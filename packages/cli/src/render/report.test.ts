import type { DetectDriftResult, DriftItem } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../../core/src/drift/drift-item.ts';
import { quotaReport } from '../../../core/src/drift/quota-report.ts';
import { buildDriftReport } from '../report/drift-report.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportJson } from './render-report-json.ts';
import { renderReportMarkdown } from './render-report-markdown.ts';
import { summaryLine } from './summary-line.ts';

type CountedResource = DetectDriftResult['resources'][number];

const k = (path: string) => `appmesh:shop/${path}`;
const resources: CountedResource[] = [
  { key: k('VirtualGateway/gw'), kind: 'VirtualGateway', meshName: 'shop', name: 'gw', spec: {} },
  {
    key: k('VirtualGateway/gw/GatewayRoute/gr'),
    kind: 'GatewayRoute',
    meshName: 'shop',
    name: 'gr',
    virtualGatewayName: 'gw',
    spec: { httpRoute: { action: { target: { virtualService: { virtualServiceName: 'web.shop' } } } } },
  },
  {
    key: k('VirtualService/web.shop'),
    kind: 'VirtualService',
    meshName: 'shop',
    name: 'web.shop',
    spec: { provider: { virtualRouter: { virtualRouterName: 'web' } } },
  },
  { key: k('VirtualRouter/web'), kind: 'VirtualRouter', meshName: 'shop', name: 'web', spec: {} },
  {
    key: k('VirtualRouter/web/Route/split'),
    kind: 'Route',
    meshName: 'shop',
    name: 'split',
    virtualRouterName: 'web',
    spec: {
      httpRoute: {
        action: {
          weightedTargets: [
            { virtualNode: 'web-v1', weight: 90 },
            { virtualNode: 'web-v2', weight: 10 },
          ],
        },
      },
    },
  },
  {
    key: k('VirtualNode/web-v1'),
    kind: 'VirtualNode',
    meshName: 'shop',
    name: 'web-v1',
    // A backend that is not in the mesh has no box to point at and is left out.
    spec: {
      backends: [
        { virtualService: { virtualServiceName: 'web.shop' } },
        { virtualService: { virtualServiceName: 'elsewhere.shop' } },
      ],
    },
  },
  { key: k('VirtualNode/web-v2'), kind: 'VirtualNode', meshName: 'shop', name: 'web-v2', spec: {} },
  { key: k('VirtualNode/<evil>'), kind: 'VirtualNode', meshName: 'shop', name: '<evil>', spec: {} },
];

const item = (key: string, state: DriftItem['state'], extra: Partial<DriftItem> = {}): DriftItem => ({
  key,
  provider: 'appmesh',
  kind: key.split('/').at(-2)!,
  name: key.split('/').at(-1)!,
  meshName: 'shop',
  state,
  ...extra,
});

const items = resources.map((r) =>
  r.name === 'web-v2'
    ? item(r.key, 'Modified', {
        reason: 'spec-changed',
        differences: [{ path: 'spec.listeners[0].portMapping.port', expected: 8080, actual: 9090 }],
      })
    : r.name === '<evil>'
      ? item(r.key, 'Unmanaged', { reason: 'not-in-git' })
      : item(r.key, 'InSync'),
);

const report = buildDriftReport({
  targetId: 'shop-prod',
  generatedAt: '2026-03-01T00:00:00.000Z',
  revision: 'abc123',
  items,
  summary: summariseDrift(items),
  quotas: quotaReport([
    {
      quota: 'virtualNodesPerMesh',
      title: 'Virtual nodes per mesh',
      code: 'L-E043DFB4',
      scope: 'mesh shop',
      used: 3,
      limit: 200,
      keys: [],
    },
    {
      quota: 'virtualGatewaysPerMesh',
      title: 'Virtual gateways per mesh',
      code: 'L-87E74146',
      scope: 'mesh shop',
      used: 3,
      limit: 3,
      keys: [],
    },
  ]),
  resources,
});

describe('drift report', () => {
  it('lays the mesh out in columns from gateways to nodes, with route weights and backend calls on edges', () => {
    const column = Object.fromEntries(report.topology.nodes.map((n) => [n.name, n.column]));
    expect(column).toEqual({
      gw: 0,
      gr: 1,
      'web.shop': 2,
      web: 3,
      split: 4,
      'web-v1': 5,
      'web-v2': 5,
      '<evil>': 5,
    });
    expect(report.topology.edges).toEqual(
      expect.arrayContaining([
        { from: k('VirtualGateway/gw'), to: k('VirtualGateway/gw/GatewayRoute/gr'), kind: 'flow' },
        { from: k('VirtualGateway/gw/GatewayRoute/gr'), to: k('VirtualService/web.shop'), kind: 'flow' },
        { from: k('VirtualService/web.shop'), to: k('VirtualRouter/web'), kind: 'flow' },
        { from: k('VirtualRouter/web'), to: k('VirtualRouter/web/Route/split'), kind: 'flow' },
        { from: k('VirtualRouter/web/Route/split'), to: k('VirtualNode/web-v1'), kind: 'flow', weight: 90 },
        { from: k('VirtualRouter/web/Route/split'), to: k('VirtualNode/web-v2'), kind: 'flow', weight: 10 },
        { from: k('VirtualNode/web-v1'), to: k('VirtualService/web.shop'), kind: 'backend' },
      ]),
    );
    expect(report.topology.edges).toHaveLength(7);
  });

  it('orders quotas fullest first and says driftctl-style what it found', () => {
    expect(report.quotas.map((q) => [q.quota, q.level])).toEqual([
      ['virtualGatewaysPerMesh', 'full'],
      ['virtualNodesPerMesh', 'ok'],
    ]);
    expect(summaryLine(report.summary)).toBe(
      'Found 8 resource(s) - 88% coverage - 7 managed by Git - 1 not in Git - 0 missing - 1/7 changed outside meshcd',
    );
  });

  it('renders the same report to the same JSON, which parses back to the model', () => {
    const json = renderReportJson(report);
    expect(renderReportJson(buildDriftReport({ ...report, resources }))).toBe(json);
    expect(JSON.parse(json)).toEqual(report);
  });

  it('writes Markdown with the field difference and the quota table', () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain(
      '| Modified | VirtualNode | web-v2 | mesh shop | `spec.listeners[0].portMapping.port`: `9090` → expected `8080` |',
    );
    expect(md).toContain('| Unmanaged | VirtualNode | <evil> | mesh shop | not in Git |');
    expect(md).toContain(
      '| full | Virtual gateways per mesh (L-87E74146) | mesh shop | 3 | 3 | 100% | default |',
    );
  });

  it('writes one self-contained HTML page: one inline script, no external resource, names escaped, drift marked', async () => {
    const html = await renderReportHtml(report);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script>\ndocument.querySelectorAll(');
    expect(html).not.toMatch(/<link|<img|\ssrc=|\shref=|url\(http|fetch\(|XMLHttpRequest/i);
    expect(html).not.toContain('<evil>');
    expect(html).toContain('&lt;evil&gt;');
    expect(html.match(/<g class="node /g)).toHaveLength(8);
    expect(html).toMatch(/<g class="node state-modified" data-key="appmesh:shop\/VirtualNode\/web-v2"/);
    expect(html).toMatch(/stroke="#d62728" stroke-width="3"/);
    expect(html).toContain('<code>spec.listeners[0].portMapping.port</code>');
  });

  it('lists cluster items in every format: their namespace, the injection they are about, the field path', async () => {
    const kube: DriftItem[] = [
      {
        key: 'kube:shop/apps/Deployment/web#injection',
        provider: 'kube',
        subject: 'injection',
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        state: 'Modified',
        reason: 'injection-changed',
        differences: [
          {
            path: 'spec.template.spec.containers[name=envoy]',
            expected: { name: 'envoy' },
            actual: undefined,
          },
        ],
      },
      {
        key: 'kube:shop/apps/Deployment/old',
        provider: 'kube',
        kind: 'Deployment',
        name: 'old',
        namespace: 'shop',
        state: 'Unmanaged',
        reason: 'removed-from-git',
      },
    ];
    const withKube = buildDriftReport({
      ...report,
      items: [...items, ...kube],
      summary: summariseDrift([...items, ...kube]),
      resources,
    });
    expect(JSON.parse(renderReportJson(withKube)).items).toEqual(expect.arrayContaining(kube));
    const md = renderReportMarkdown(withKube);
    expect(md).toContain(
      '| Modified | Deployment | web | namespace shop, sidecar injection | `spec.template.spec.containers[name=envoy]`: `(absent)` → expected `{"name":"envoy"}` |',
    );
    expect(md).toContain(
      '| Unmanaged | Deployment | old | namespace shop | removed from Git, still in the cluster |',
    );
    const html = await renderReportHtml(withKube);
    expect(html).toContain('data-key="kube:shop/apps/Deployment/web#injection"');
    expect(html).toContain('<td>namespace shop, sidecar injection</td>');
    expect(html).toContain('<code>spec.template.spec.containers[name=envoy]</code>');
  });

  it('words Cloud Map items in Cloud Map terms: the namespace, service and node, and what follows pods', async () => {
    const base = {
      provider: 'cloudmap' as const,
      kind: 'CloudMapInstance',
      namespace: 'shop.local',
      parentName: 'web',
    };
    const cloudMap: DriftItem[] = [
      {
        ...base,
        key: 'cloudmap:shop.local/web',
        kind: 'CloudMapService',
        name: 'web',
        parentName: undefined,
        state: 'Missing',
      },
      {
        ...base,
        key: 'cloudmap:shop.local/web/10.0.0.1',
        name: '10.0.0.1',
        meshName: 'shop',
        node: 'web_shop',
        state: 'Missing',
        reason: 'pod-not-registered',
      },
      {
        ...base,
        key: 'cloudmap:shop.local/web/10.0.0.2',
        name: '10.0.0.2',
        meshName: 'shop',
        node: 'web_shop',
        state: 'Unmanaged',
        reason: 'pod-gone',
      },
      {
        ...base,
        key: 'cloudmap:shop.local/web/10.0.0.3',
        name: '10.0.0.3',
        state: 'Unmanaged',
        reason: 'foreign-instance',
      },
    ];
    const withCloudMap = buildDriftReport({
      ...report,
      items: cloudMap,
      summary: summariseDrift(cloudMap),
      resources,
    });
    const md = renderReportMarkdown(withCloudMap);
    expect(md).toContain(
      '| Missing | CloudMapService | web | Cloud Map namespace shop.local | not in Cloud Map (deleted outside meshcd) |',
    );
    expect(md).toContain(
      '| Missing | CloudMapInstance | 10.0.0.1 | Cloud Map namespace shop.local, service web, node web_shop | ready pod not registered in Cloud Map |',
    );
    expect(md).toContain(
      '| 10.0.0.2 | Cloud Map namespace shop.local, service web, node web_shop | its pod is gone or no longer ready',
    );
    expect(md).toContain(
      '| 10.0.0.3 | Cloud Map namespace shop.local, service web | registered by someone else',
    );
    // The rows, not the driftctl-style summary line, which counts across providers.
    const rows = [md, await renderReportHtml(withCloudMap)].flatMap((r) =>
      r.split(/\n|<\/tr>/).filter((line) => line.includes('CloudMap')),
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) expect(row).not.toMatch(/mesh undefined|not in Git|App Mesh/);
  });
});
