import type { Diagnostic } from '@meshcd/core';
import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The one way the command line shows a problem in the manifests, in validate, plan, apply and drift alike:
 * `file:line:column severity [code]`, then the object and field, then what is wrong. Editors and terminals
 * turn the first token into a link to the place.
 */
export function renderDiagnostic(d: Diagnostic, c: Colors = pc.createColors(false)): string {
  const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
  const subject = [d.object, d.path].filter(Boolean).join(' ');
  const lines = [`${c.bold(`${d.file}:${d.line}:${d.column}`)} ${severity} ${c.dim(`[${d.code}]`)}`];
  if (subject) lines.push(`  ${subject}`);
  lines.push(`  ${d.message}`);
  return `${lines.join('\n')}\n`;
}
