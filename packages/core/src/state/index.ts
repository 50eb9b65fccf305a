export type * from './drift-record.ts';
export { formatRunError } from './format-run-error.ts';
export type * from './inventory-entry.ts';
export type * from './run-record.ts';
export type * from './state-store.ts';
export type * from './target-lease.ts';
