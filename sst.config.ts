/// <reference path="./.sst/platform/config.d.ts" />

/**
 * meshcd's AWS infrastructure, composed from infra/ in data-flow order: the bus events arrive on, the
 * state table, then the functions that ingest, reconcile and detect drift.
 */
export default $config({
  app(input) {
    return {
      name: 'meshcd',
      home: 'aws',
      removal: input?.stage === 'production' ? 'retain' : 'remove',
      protect: input?.stage === 'production',
    };
  },
  async run() {
    const { bus } = await import('./infra/bus');
    const { table } = await import('./infra/state');
    return { bus: bus.name, table: table.name };
  },
});
