export { type DynaliteHandle, type DynaliteOptions, startDynalite } from './start-dynalite.ts';
