import type { DetectDriftResult, DriftItem } from '@meshcd/core';
import type { DriftReport } from '../report/drift-report.ts';
import { driftPlace, driftStateWords } from './drift-wording.ts';
import { escapeHtml as h } from './escape-html.ts';
import { layoutTopology, type MeshLayout } from './layout-topology.ts';
import { renderTopologyLegend, renderTopologySvg, stateStyle } from './render-topology-svg.ts';
import { showRatio, showValue, summaryLine } from './summary-line.ts';
import { backendToggle, topologyFocusCss, topologyFocusScript } from './topology-focus.ts';

type QuotaLine = DetectDriftResult['quotas'][number];

const css = `
body { font-family: system-ui, sans-serif; margin: 24px; color: #1a202c; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: #4a5568; margin-bottom: 12px; }
.summary { font-weight: 600; padding: 8px 12px; background: #edf2f7; border-radius: 6px; display: inline-block; }
.counts span { display: inline-block; margin: 8px 14px 0 0; }
.topology-wrap { overflow-x: auto; border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; } h3 .mesh-counts { font-weight: normal; color: #4a5568; font-size: 13px; }
.legend { font-size: 12px; color: #2d3748; margin: 4px 0 10px; line-height: 24px; }
.legend-item { display: inline-flex; align-items: center; gap: 4px; margin-right: 16px; }
svg.topology .edge-group:hover path.edge { stroke-width: 3; }
svg.topology .node:hover rect { filter: drop-shadow(0 0 3px #4a5568); }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #e2e8f0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f7fafc; } td.num { text-align: right; }
code { font-family: ui-monospace, monospace; font-size: 12px; }
.state { font-weight: 600; } .level-warn { color: #b7791f; } .level-full, .level-exceeded { color: #c53030; font-weight: 600; }
`;

const stateCell = (state: DriftItem['state']) =>
  `<td class="state" style="color:${stateStyle[state].stroke}">${state}</td>`;

function driftRow(i: DriftItem): string {
  const details =
    i.state === 'Modified'
      ? `<ul>${(i.differences ?? [])
          .map(
            (d) =>
              `<li><code>${h(d.path)}</code>: <code>${h(showValue(d.actual))}</code> → expected <code>${h(showValue(d.expected))}</code></li>`,
          )
          .join('')}</ul>`
      : h(driftStateWords(i));
  return `<tr class="drift-row" data-key="${h(i.key)}">${stateCell(i.state)}<td>${h(i.kind)}</td><td>${h(i.name)}</td><td>${h(driftPlace(i))}</td><td>${details}</td></tr>`;
}

const quotaRow = (q: QuotaLine) =>
  `<tr class="quota-row level-${q.level}"><td>${q.level}</td><td>${h(q.title)}${q.code ? ` <code>${h(q.code)}</code>` : ''}</td><td>${h(q.scope)}</td><td class="num">${q.used}</td><td class="num">${q.limit}</td><td class="num">${showRatio(q.ratio)}</td><td>${q.limitSource}</td></tr>`;

/** One mesh's drawing under its name and counts, in a frame of its own that scrolls when it must. */
function meshSection(layout: MeshLayout, index: number): string {
  const drifted = layout.nodes.filter((p) => p.node.state && p.node.state !== 'InSync').length;
  const counts = `${layout.nodes.length} resources, ${layout.edges.length} edges${drifted ? `, ${drifted} drifted` : ''}`;
  return `<section class="mesh" data-mesh="${h(layout.meshName)}"><h3>Mesh <code>${h(layout.meshName)}</code> <span class="mesh-counts">${counts}</span></h3>
${backendToggle(layout, index)}
<div class="topology-wrap">${renderTopologySvg(layout, index)}</div></section>`;
}

/**
 * The report as one self-contained HTML page: inline CSS and SVG and a few lines of inline script for the
 * focus on hover, no external resource, so it can be mailed, attached to a ticket or opened offline. The topology is laid out here, once, by ELK.
 */
export async function renderReportHtml(report: DriftReport): Promise<string> {
  const drifted = report.items.filter((i) => i.state !== 'InSync');
  const meshes = await layoutTopology(report.topology);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Drift report: ${h(report.targetId)}</title>
<style>${css}${topologyFocusCss}</style>
</head>
<body>
<h1>Drift report: ${h(report.targetId)}</h1>
<div class="meta">${meshes.length === 1 ? 'Mesh' : 'Meshes'} ${meshes.map((m) => `<code>${h(m.meshName)}</code>`).join(', ') || '(none)'} · ${report.revision ? `checked against revision <code>${h(report.revision)}</code>` : 'no applied revision recorded'} · generated <time datetime="${h(report.generatedAt)}">${h(report.generatedAt)}</time></div>
<div class="summary">${h(summaryLine(report.summary))}</div>
<div class="counts">${Object.entries(report.summary.counts)
    .map(([state, n]) => `<span data-state="${state}">${state}: <b>${n}</b></span>`)
    .join('')}</div>
<h2>Topology</h2>
${renderTopologyLegend()}
${meshes.length === 0 ? '<p>No App Mesh resources to draw.</p>' : meshes.map(meshSection).join('\n')}
<h2>Resources out of sync</h2>
${
  drifted.length === 0
    ? '<p>Everything is in sync.</p>'
    : `<table class="drift"><thead><tr><th>State</th><th>Kind</th><th>Name</th><th>Where</th><th>Details</th></tr></thead><tbody>${drifted.map(driftRow).join('\n')}</tbody></table>`
}
<h2>Quotas</h2>
${
  report.quotas.length === 0
    ? '<p>No quota usage was measured.</p>'
    : `<table class="quotas"><thead><tr><th>Level</th><th>Quota</th><th>Scope</th><th>Used</th><th>Limit</th><th>%</th><th>Limit from</th></tr></thead><tbody>${report.quotas.map(quotaRow).join('\n')}</tbody></table>`
}
<script>${topologyFocusScript}</script>
</body>
</html>
`;
}
