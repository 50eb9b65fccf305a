import type { DriftReport } from '../report/drift-report.ts';

/** The report as JSON text; an unbounded ratio (a limit of 0) is written as null. */
export const renderReportJson = (report: DriftReport): string =>
  `${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
