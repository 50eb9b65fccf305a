export * from './appmesh/index.ts';
export * from './bus/index.ts';
export * from './dynamodb/index.ts';
export * from './git/index.ts';
export * from './githost/index.ts';
export * from './kube/index.ts';
export * from './lattice/index.ts';
export * from './local-stack.ts';
