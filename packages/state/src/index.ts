export { byKindIndex, createStateTable, ttlAttribute } from './create-state-table.ts';
export {
  createDynamoStateStore,
  DynamoStateStore,
  type DynamoStateStoreOptions,
} from './dynamo-state-store.ts';
export { MemoryStateStore } from './memory-state-store.ts';
export { stateKeys } from './state-keys.ts';
export { targetRecord } from './target-record.ts';
export {
  isUnreadableTarget,
  type MeshcdStateStore,
  type TargetRegistry,
  type UnreadableTargetRecord,
} from './target-registry.ts';
