import { buildDriftReport, type CountedResource, type DriftItem, summariseDrift } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { stateWords } from './node-text.ts';
import { renderReportHtml } from './render-report-html.ts';

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
      /<g class="edge-group edge-backend"><title>[^<]+ calls pay\.shop<\/title><path class="edge" data-kind="backend"[^>]* stroke-dasharray="6 3"/,
    );
    const legend = html.slice(
      html.indexOf('class="legend"'),
      html.indexOf('</div>', html.indexOf('class="legend"')),
    );
    for (const words of Object.values(stateWords)) expect(legend).toContain(words);
    expect(legend).toContain('traffic: gateway → route → service → router → route → node');
    expect(legend).toContain('backend: the node calls the service');
  });
});
