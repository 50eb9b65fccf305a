import { join } from 'node:path';
import { buildDriftReport } from '@meshcd/cli';
import { detectDrift } from '@meshcd/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { applyRevision } from '../drift/apply-corpus.ts';
import { startEngineWorld } from '../engine/world.ts';
import { checkReportPage } from './check-report-page.ts';
import { hasChromium, openChromium, screenshotDir } from './chromium.ts';

describe.runIf(hasShared() && hasChromium())(
  'every corpus scenario’s report, drawn in headless Chromium',
  () => {
    const scenarios = hasShared() ? corpusScenarios() : [];
    let browser: Awaited<ReturnType<typeof openChromium>>;
    const drawn = new Set<string>();
    beforeAll(async () => {
      browser = await openChromium();
    });
    afterAll(async () => {
      await browser?.close();
      // A corpus that silently stops applying would check nothing: most scenarios must have been drawn.
      expect(drawn.size).toBeGreaterThanOrEqual(24);
    });

    for (const scenario of scenarios) {
      it(`${scenario.folder}/${scenario.scenario}: every edge drawn, none through a box, fits 1,400 px`, async () => {
        const world = await startEngineWorld();
        try {
          for (const revision of scenario.revisions) {
            const applied = await applyRevision(world, scenario, revision.index);
            // Corpus revisions with their own defects are refused whole (pinned in corpus-validate.test.ts).
            if (applied.status === 'refused') continue;
            expect(applied.status).toBe('succeeded');
            const result = await detectDrift({
              target: world.target,
              mesh: world.mesh,
              state: world.state,
              record: false,
              runId: `report-${revision.index}`,
              now: () => new Date(),
            });
            const report = buildDriftReport({
              targetId: world.target.id,
              generatedAt: result.record.detectedAt,
              revision: `rev-${revision.index}`,
              items: result.items,
              summary: result.summary,
              quotas: result.quotas,
              resources: result.resources,
            });
            expect(report.topology.nodes.length).toBeGreaterThan(0);
            const { meshes } = await checkReportPage(
              browser.context,
              report,
              join(screenshotDir, `${scenario.folder}--${scenario.scenario}--${revision.index}.png`),
            );
            // The corpus meshes fit the page at 1,400 px: no frame needs scrolling.
            expect(meshes.filter((m) => m.scrolls).map((m) => m.mesh)).toEqual([]);
            drawn.add(`${scenario.folder}/${scenario.scenario}`);
          }
        } finally {
          await world.close();
        }
      });
    }
  },
);
