import type { DetectDriftResult, DriftItem } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../report/topology.ts';
import { layoutTopology } from './layout-topology.ts';
import { renderTopologySvg } from './render-topology-svg.ts';

type CountedResource = DetectDriftResult['resources'][number];

const node = (name: string): CountedResource =>
  ({
    key: `appmesh:m/VirtualNode/${name}`,
    kind: 'VirtualNode',
    meshName: 'm',
    name,
    spec: {},
  }) as CountedResource;

const instance = (id: string, nodeName: string, state: DriftItem['state']): DriftItem => ({
  key: `cloudmap:m.local/color/${id}`,
  provider: 'cloudmap',
  kind: 'CloudMapInstance',
  name: id,
  namespace: 'm.local',
  parentName: 'color',
  meshName: 'm',
  node: nodeName,
  state,
});

describe('topology: Cloud Map instances per node', () => {
  it('counts registered and expected instances per node and draws them in the node’s box', async () => {
    const items = [
      instance('10.0.0.1', 'blue_ns', 'InSync'),
      instance('10.0.0.2', 'blue_ns', 'Missing'),
      instance('10.0.0.3', 'red_ns', 'InSync'),
      instance('10.0.0.4', 'red_ns', 'Unmanaged'),
    ];
    const topology = buildTopology([node('blue_ns'), node('red_ns'), node('plain_ns')], items);
    const byName = Object.fromEntries(topology.nodes.map((n) => [n.name, n.instances]));
    expect(byName).toEqual({
      blue_ns: { registered: 1, expected: 2 },
      red_ns: { registered: 2, expected: 1 },
      plain_ns: undefined,
    });
    const [layout] = await layoutTopology(topology);
    const svg = renderTopologySvg(layout!);
    expect(svg).toContain('>1/2 inst.</text>');
    expect(svg).toContain('Cloud Map instances: 2 registered, 1 expected');
    expect(svg.match(/ inst\.<\/text>/g)).toHaveLength(2);
  });
});
