export type * from './desired/desired-state.ts';
export type * from './source-location.ts';
