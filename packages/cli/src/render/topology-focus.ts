import type { MeshLayout } from './layout-topology.ts';

/**
 * Above this many backend edges in one mesh the dashed backend layer starts hidden: at that density the
 * calls tangle into thousands of crossings and bury the traffic picture, which stays crossing-free.
 */
export const backendEdgesShownUpTo = 60;

export const backendCount = (layout: MeshLayout): number =>
  layout.edges.filter((e) => e.edge.kind === 'backend').length;

/**
 * The per-mesh switch for the backend layer, a plain checkbox that CSS reads (no script needed): on for
 * small meshes, off above the threshold, and saying how many edges it hides while it is off.
 */
export function backendToggle(layout: MeshLayout, index: number): string {
  const n = backendCount(layout);
  if (n === 0) return '';
  const on = n <= backendEdgesShownUpTo;
  return `<label class="backend-switch"><input type="checkbox" class="backend-toggle" id="backends-${index}" data-backends="${n}"${on ? ' checked' : ''}> show backend edges (${n})</label> <span class="backends-hidden">${n} backend edges hidden; hover or click a box to see its own</span>`;
}

/**
 * Hidden backends stay hidden unless they belong to the focused box; while a box has the focus, every edge
 * and box not linked to it fades.
 */
export const topologyFocusCss = `
.backend-switch { font-size: 13px; cursor: pointer; } .backends-hidden { font-size: 12px; color: #4a5568; }
.mesh:has(.backend-toggle:checked) .backends-hidden { display: none; }
.mesh:has(.backend-toggle:not(:checked)) .edge-backend:not(.lit) { display: none; }
svg.topology.focused .edge-group:not(.lit), svg.topology.focused .node:not(.lit) { opacity: 0.15; }
svg.topology.focused .edge-group.lit path.edge { stroke-width: 2.5; }
svg.topology .node { cursor: pointer; }
`;

/**
 * Focus on hover, pinned by a click (a second click or Escape lets go): the box, its edges in both
 * directions (traffic and backend) and the boxes at their other ends are lit, the rest fades.
 */
export const topologyFocusScript = `
document.querySelectorAll('svg.topology').forEach(function (svg) {
  var pinned = null;
  function focus(key) {
    svg.classList.toggle('focused', key !== null);
    var near = {};
    svg.querySelectorAll('.edge-group').forEach(function (g) {
      var lit = key !== null && (g.dataset.from === key || g.dataset.to === key);
      g.classList.toggle('lit', lit);
      if (lit) { near[g.dataset.from] = true; near[g.dataset.to] = true; }
    });
    svg.querySelectorAll('.node').forEach(function (n) { n.classList.toggle('lit', n.dataset.key === key || near[n.dataset.key] === true); });
  }
  var keyOf = function (e) { var n = e.target.closest('.node'); return n ? n.dataset.key : null; };
  svg.addEventListener('mouseover', function (e) { var k = keyOf(e); if (pinned === null && k !== null) focus(k); });
  svg.addEventListener('mouseleave', function () { if (pinned === null) focus(null); });
  svg.addEventListener('click', function (e) { var k = keyOf(e); pinned = k === pinned ? null : k; focus(pinned === null ? k : pinned); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { pinned = null; focus(null); } });
});
`;
