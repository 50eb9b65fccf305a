import type { Diagnostic, resolveDesiredState } from '@meshcd/core';
import pc from 'picocolors';
import { renderDiagnostic } from './render-diagnostic.ts';

type ResolveResult = ReturnType<typeof resolveDesiredState>;

/** The JSON document `meshcd validate --output json` prints; stable for scripts and CI annotations. */
export interface ValidationReport {
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  summary?: { meshResources: number; kubeObjects: number; unresolvedNamespaces: string[] };
}

export function validationReport(result: ResolveResult): ValidationReport {
  const diagnostics = result.ok ? result.warnings : result.diagnostics;
  return {
    valid: result.ok,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
    ...(result.ok
      ? {
          summary: {
            meshResources: result.desired.meshResources.length,
            kubeObjects: result.desired.kubeObjects.length,
            unresolvedNamespaces: result.desired.unresolvedNamespaces,
          },
        }
      : {}),
  };
}

/** Human output: one block per problem (`file:line:column`, object and field, then what is wrong), then a summary. */
export function renderValidationText(report: ValidationReport, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const lines: string[] = [];
  for (const d of report.diagnostics) lines.push(renderDiagnostic(d, c).trimEnd());
  if (report.valid) {
    const s = report.summary!;
    const unresolved = s.unresolvedNamespaces.length
      ? `; awaiting cluster labels: ${s.unresolvedNamespaces.join(', ')}`
      : '';
    lines.push(
      c.green(
        `valid: ${s.meshResources} App Mesh resource(s), ${s.kubeObjects} Kubernetes object(s)${unresolved}`,
      ) + (report.warnings ? `, ${report.warnings} warning(s)` : ''),
    );
  } else {
    lines.push(c.red(`invalid: ${report.errors} error(s), ${report.warnings} warning(s)`));
  }
  return `${lines.join('\n')}\n`;
}
