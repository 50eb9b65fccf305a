export type { ApplyResult, ChangeOutcome, OutcomeStatus } from '../provider/change.ts';
export { isWrite } from '../provider/change.ts';
