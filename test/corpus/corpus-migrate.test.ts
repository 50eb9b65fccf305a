import { renderMigrationHtml, renderMigrationJson, renderMigrationMarkdown } from '@meshcd/cli';
import {
  buildMigrationReport,
  type DesiredState,
  loadManifests,
  MAPPING_TABLE,
  type MigrationReport,
  resolveDesiredState,
} from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { isLatticeName } from '../../packages/core/src/lattice/lattice-name.ts';
import { overlayManifests } from '../../packages/core/src/manifests/overlay-manifests.ts';
import { corpusScenarios, hasShared, LIVE_LABELS } from './corpus.ts';

const rowIds = new Set(MAPPING_TABLE.map((r) => r.id));

/** Every revision of the corpus that validates, resolved as successive commits would leave the tree. */
function validatingRevisions(): { id: string; files: string[]; desired: DesiredState }[] {
  return corpusScenarios().flatMap((s) =>
    s.revisions.flatMap((r) => {
      const id = `${s.folder}/${s.scenario}/${r.index}`;
      const live = LIVE_LABELS[id];
      const objects = overlayManifests(r.files.map((f) => loadManifests([f]).objects));
      const result = resolveDesiredState(objects, live ? { namespaceLabels: (ns) => live[ns] } : {});
      return result.ok ? [{ id, files: r.files.map((f) => f.path), desired: result.desired }] : [];
    }),
  );
}

function checkReport(report: MigrationReport, desired: DesiredState, files: string[]): void {
  // Every App Mesh object and route says what it becomes.
  const labels = new Set(report.objects.map((o) => o.object));
  for (const r of desired.meshResources) {
    const label = `${r.source.ref.kind}/${r.source.ref.namespace ?? ''}/${r.source.ref.name}`;
    expect(labels.has(r.kind === 'Route' ? `${label}#${r.name}` : label), `${r.kind} ${r.name}`).toBe(true);
  }
  // The translated set holds together: every reference is to a resource of the set, every name is valid.
  const keys = new Set(report.desired.resources.map((r) => r.key));
  for (const r of report.desired.resources) {
    for (const d of r.dependsOn) expect(keys.has(d), `${r.key} depends on ${d}`).toBe(true);
    if (r.kind === 'TargetGroup') expect(keys.has(r.serviceKey)).toBe(true);
    if (r.kind === 'Rule' || r.kind === 'Listener') {
      const action = r.kind === 'Rule' ? r.spec.action : r.spec.defaultAction;
      for (const g of 'forward' in action ? action.forward.targetGroups : [])
        expect(keys.has(g.targetGroupKey)).toBe(true);
    }
    if (
      r.kind !== 'ServiceNetworkVpcAssociation' &&
      r.kind !== 'ServiceNetworkServiceAssociation' &&
      r.kind !== 'AuthPolicy'
    )
      expect(isLatticeName(r.kind, r.name), `${r.kind} ${r.name}`).toBe(true);
  }
  // Findings point at the table and at a place in the revision's files.
  for (const f of report.findings) {
    expect(rowIds.has(f.row)).toBe(true);
    expect(files).toContain(f.file);
    expect(f.line).toBeGreaterThan(0);
    expect(f.instead.length).toBeGreaterThan(0);
  }
  const lost = report.findings.some((f) => f.class === 'none') || report.quotas.some((q) => !q.fits);
  expect(report.outcome).toBe(lost ? 'lossy' : 'maps');
  expect(report.cutover.length).toBeGreaterThan(3);
}

describe.runIf(hasShared())('migration reports for the shared corpus', () => {
  const revisions = hasShared() ? validatingRevisions() : [];
  const outcomes = new Set<string>();

  it('finds validating revisions to report on', () => {
    expect(revisions.length).toBeGreaterThan(20);
  });

  for (const { id, files, desired } of revisions) {
    it(`${id}: gets a migration report in every format`, () => {
      const report = buildMigrationReport(desired, {
        targetId: 'corpus',
        options: { vpcId: 'vpc-corpus', authType: 'NONE' },
      });
      checkReport(report, desired, files);
      outcomes.add(report.outcome);
      const md = renderMigrationMarkdown(report);
      const html = renderMigrationHtml(report);
      for (const o of report.objects) expect(md).toContain(o.object);
      for (const f of report.findings) expect(html).toContain(f.field.replace(/&/g, '&amp;'));
      expect(JSON.parse(renderMigrationJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
      // The AWS_IAM mode turns backends into auth policies rather than losing them.
      const iam = buildMigrationReport(desired, {
        targetId: 'corpus',
        options: { vpcId: 'vpc-corpus', authType: 'AWS_IAM' },
      });
      checkReport(iam, desired, files);
      expect(iam.findings.some((f) => f.row === 'virtualNode.backends.none')).toBe(false);
    });
  }

  it('sees both outcomes across the corpus: sets that map and sets that lose something', () => {
    expect([...outcomes].sort()).toEqual(['lossy', 'maps']);
  });
});
