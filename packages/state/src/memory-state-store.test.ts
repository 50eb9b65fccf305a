import { MemoryStateStore } from './memory-state-store.ts';
import { stateStoreContract } from './testing/state-store-contract.ts';

stateStoreContract('memory', async () => ({ store: new MemoryStateStore() }));
