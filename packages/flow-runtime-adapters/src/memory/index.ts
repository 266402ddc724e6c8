/**
 * @ringflow/flow-runtime-adapters/memory: the memory adapter, a PBX simulated in memory and played
 * by scenarios, in virtual or real time. For tests, the conformance kit, and trying the runtime
 * without a PBX.
 *
 * @example
 * import { createMemoryAdapter } from '@ringflow/flow-runtime-adapters/memory';
 * const adapter = createMemoryAdapter({ clock: 'virtual' });
 *
 * @packageDocumentation
 */

export { createMemoryAdapter } from './memory-adapter.js';

// Types.
export type { MemoryAdapter, MemoryAdapterOptions, PlaceCallOptions } from './memory-adapter.js';
