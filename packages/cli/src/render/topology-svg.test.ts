import type { DetectDriftResult, DriftItem } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../../core/src/drift/drift-item.ts';
import { buildDriftReport } from '../report/drift-report.ts';
import { stateWords } from './node-text.ts';
import { renderReportHtml } from './render-report-html.ts';

type CountedResource = DetectDriftResult['resources'][number];

const long = 'checkout-payments-settlement-v2_my-very-long-namespace-name-for-payments';
const resources: CountedResource[] = [
  {
    key: 'appmesh:shop/VirtualService/pay.shop',
    kind: 'VirtualService',
    meshName: 'shop',
    name: 'pay.shop',
    spec: { provider: { virtualNode: { virtualNodeName: long } } },
  },
  {
    key: `appmesh:shop/VirtualNode/${long}`,
    kind: 'VirtualNode',
    meshName: 'shop',
    name: long,
    spec: { backends: [{ virtualService: { virtualServiceName: 'pay.shop' } }] },
  },
];
const items: DriftItem[] = resources.map((r) => ({
  key: r.key,
  provider: 'appmesh',
  kind: r.kind,
  name: r.name,
  meshName: r.meshName,
  state: r.kind === 'VirtualNode' ? 'Modified' : 'InSync',
}));
const report = buildDriftReport({
  targetId: 'shop-prod',
  generatedAt: '2026-03-01T00:00:00.000Z',
  revision: 'abc123',
  items,
  summary: summariseDrift(items),
  quotas: [],
  resources,
});

describe('the topology picture explains itself', () => {
  it('cuts a long name in its box but gives it whole on hover, with the state', async () => {
    const html = await renderReportHtml(report);
    const node = html.slice(html.indexOf(`data-key="appmesh:shop/VirtualNode/${long}"`));
    const box = node.slice(0, node.indexOf('</g>'));
    expect(box).toContain(`<title>VirtualNode ${long}\nmesh shop\n${stateWords.Modified}</title>`);
    const shown = [...box.matchAll(/<text class="label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    expect(shown.length).toBeLessThan(long.length);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('draws backends dashed with their own tooltip, and has a legend for every state and both edge kinds', async () => {
    const html = await renderReportHtml(report);
    expect(html).toMatch(
      /<g class="edge-group edge-backend" data-from="[^"]+" data-to="appmesh:shop\/VirtualService\/pay\.shop"><title>[^<]+ calls pay\.shop<\/title><path class="edge" data-kind="backend"[^>]* stroke-dasharray="6 3"/,
    );
    const legend = html.slice(
      html.indexOf('class="legend"'),
      html.indexOf('</div>', html.indexOf('class="legend"')),
    );
    for (const words of Object.values(stateWords)) expect(legend).toContain(words);
    expect(legend).toContain('traffic: gateway → route → service → router → route → node');
    expect(legend).toContain('backend: the node calls the service');
  });

  it('links every edge group to both its boxes, so focusing a box can light its own edges', async () => {
    const html = await renderReportHtml(report);
    const groups = [
      ...html.matchAll(/<g class="edge-group edge-(\w+)" data-from="([^"]+)" data-to="([^"]+)">/g),
    ];
    expect(groups.map((g) => [g[1], g[2], g[3]])).toEqual(
      expect.arrayContaining([
        ['flow', 'appmesh:shop/VirtualService/pay.shop', `appmesh:shop/VirtualNode/${long}`],
        ['backend', `appmesh:shop/VirtualNode/${long}`, 'appmesh:shop/VirtualService/pay.shop'],
      ]),
    );
    for (const [, , from, to] of groups)
      for (const key of [from, to])
        expect(html).toContain(
          `<g class="node state-${key!.includes('VirtualNode') ? 'modified' : 'insync'}" data-key="${key!}"`,
        );
    expect(html).toContain('g.dataset.from === key || g.dataset.to === key');
  });

  it('shows the backend layer of a small mesh by default, behind a switch that names the count', async () => {
    const html = await renderReportHtml(report);
    expect(html).toContain(
      '<input type="checkbox" class="backend-toggle" id="backends-0" data-backends="1" checked> show backend edges (1)',
    );
    expect(html).toContain(
      '.mesh:has(.backend-toggle:not(:checked)) .edge-backend:not(.lit) { display: none; }',
    );
  });

  it('hides the backend layer of a mesh with more than 60 backend edges by default, saying how many', async () => {
    const service = (i: number): CountedResource => ({
      key: `appmesh:shop/VirtualService/s${i}.shop`,
      kind: 'VirtualService',
      meshName: 'shop',
      name: `s${i}.shop`,
      spec: {},
    });
    const caller: CountedResource = {
      key: 'appmesh:shop/VirtualNode/caller',
      kind: 'VirtualNode',
      meshName: 'shop',
      name: 'caller',
      spec: {
        backends: Array.from({ length: 61 }, (_, i) => ({
          virtualService: { virtualServiceName: `s${i}.shop` },
        })),
      },
    };
    const big = [...Array.from({ length: 61 }, (_, i) => service(i)), caller];
    const bigItems: DriftItem[] = big.map((r) => ({ ...r, provider: 'appmesh', state: 'InSync' }));
    const html = await renderReportHtml(
      buildDriftReport({
        targetId: 'shop-prod',
        generatedAt: '2026-03-01T00:00:00.000Z',
        items: bigItems,
        summary: summariseDrift(bigItems),
        quotas: [],
        resources: big,
      }),
    );
    expect(html).toContain(
      '<input type="checkbox" class="backend-toggle" id="backends-0" data-backends="61"> show backend edges (61)',
    );
    expect(html).toContain('<span class="backends-hidden">61 backend edges hidden;');
    // Hidden by the switch, still in the drawing: turning the layer on shows every edge.
    expect(html.match(/<g class="edge-group edge-backend"/g)).toHaveLength(61);
  });
});
