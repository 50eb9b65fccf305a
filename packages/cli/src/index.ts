export { type DriftCheck, type DriftCheckOptions, driftExitCode, runDriftCheck } from './commands/drift.ts';
export { ExitCode } from './exit-codes.ts';
export { buildProgram, main } from './main.ts';
