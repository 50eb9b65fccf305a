import { MemoryStateStore } from './memory-state-store.ts';
import { driftRecordContract } from './testing/drift-record-contract.ts';
import { stateStoreContract } from './testing/state-store-contract.ts';

stateStoreContract('memory', async () => ({ store: new MemoryStateStore() }));
driftRecordContract('memory', async () => ({ store: new MemoryStateStore() }));
