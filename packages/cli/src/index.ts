export {
  type DriftCheck,
  type DriftCheckOptions,
  driftExitCode,
  runDriftCheck,
} from './commands/run-drift.ts';
export { ExitCode } from './exit-codes.ts';
export { type EventLogEntry, formatEventLine } from './local/event-log.ts';
export { invokedFunction, type LocalFunctionName } from './local/invoked-function.ts';
export { localAdminToken, localEksMode, localFunctionRole } from './local/local-eks.ts';
export { bridgePodEvents } from './local/pod-event-bridge.ts';
export {
  type LocalPipeline,
  type LocalPipelineOptions,
  startLocalPipeline,
} from './local/start-local-pipeline.ts';
export {
  type LocalSystem,
  localRepository,
  localStatusRepository,
  startLocalSystem,
} from './local/start-local-system.ts';
export { buildProgram, main } from './main.ts';
export {
  renderMappingDoc,
  renderMigrationHtml,
  renderMigrationJson,
  renderMigrationMarkdown,
} from './render/render-migration.ts';
export { renderReportHtml } from './render/render-report-html.ts';
export { buildDriftReport, type DriftReport } from './report/drift-report.ts';
export type { TargetStatus } from './status/target-status.ts';
export { localTableName, localTarget, localTargetId } from './world/open-local-world.ts';
