export type * from './desired/desired-state.ts';
export { isRetryable, MeshcdError, type Phase } from './errors/meshcd-error.ts';
export type * from './source-location.ts';
export type * from './state/index.ts';
export { defaultTargetPolicy, type Target, type TargetPolicy } from './target.ts';
