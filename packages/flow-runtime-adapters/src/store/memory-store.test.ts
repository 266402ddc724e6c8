import { describeFlowStoreContract } from '../../test/store-contract.js';
import { createMemoryStore } from './memory-store.js';

describeFlowStoreContract('memory store', async () => ({ store: createMemoryStore() }));
