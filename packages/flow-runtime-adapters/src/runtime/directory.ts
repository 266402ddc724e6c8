import type { AgentPresence } from '@ringflow/flow-core';
import type { AgentDirectoryPort } from '../adapter/adapter.js';

/** Agent presences kept in memory, set by the host (or by hand in tests). */
export interface MemoryDirectory extends AgentDirectoryPort {
  /** Sets an agent's presence; it applies to the decisions taken from now on. */
  set(agentId: string, presence: AgentPresence): void;
  /** An agent's presence; `offline` for an agent never set. */
  get(agentId: string): AgentPresence;
}

const PRESENCES: ReadonlySet<string> = new Set<AgentPresence>(['available', 'offline', 'snooze', 'inCall']);

/**
 * An agent directory in memory (DESIGN 4): each agent is `available`, `offline` (not connected),
 * `snooze` (do not disturb) or `inCall`; an agent never set is `offline`. Being out of one's
 * planning is not a presence: the engine reads it from the agent's `planning` schedule in the flow.
 *
 * @example
 * const directory = createMemoryDirectory({ alice: 'available', bob: 'snooze' });
 * directory.set('bob', 'available');
 */
export function createMemoryDirectory(
  initial: Readonly<Record<string, AgentPresence>> = {},
): MemoryDirectory {
  const presences = new Map<string, AgentPresence>();
  const directory: MemoryDirectory = {
    set(agentId, presence) {
      // A typo would silently read as offline; a programmer error, so it throws.
      if (!PRESENCES.has(presence)) throw new TypeError(`directory: unknown presence "${String(presence)}"`);
      presences.set(agentId, presence);
    },
    get: (agentId) => presences.get(agentId) ?? 'offline',
    presence: (agentId) => presences.get(agentId) ?? 'offline',
  };
  for (const [agentId, presence] of Object.entries(initial)) directory.set(agentId, presence);
  return directory;
}
