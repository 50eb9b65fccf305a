import type { RunError } from './run-record.ts';

/**
 * One run error in one line, where first: `mesh.yaml:12:7 VirtualRouter/shop/color spec.routes[0]…:
 * must be at least 0`, so a provider's length limit or a narrow terminal cuts the message, never the place.
 */
export function formatRunError(e: RunError): string {
  const where = e.file ? `${e.file}:${e.line ?? 0}${e.column ? `:${e.column}` : ''} ` : '';
  const what = [e.object, e.field].filter(Boolean).join(' ');
  return `${where}${what ? `${what}: ` : ''}${e.message}`;
}
