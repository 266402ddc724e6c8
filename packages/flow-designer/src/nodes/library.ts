import type { FlowDocument } from '@ringflow/flow-core';
import { createContext, useMemo } from 'react';
import type { FlowLibrary } from './facet.js';

const EMPTY_LIBRARY: FlowLibrary = { agents: [], groups: [], schedules: [], sounds: [], timezone: 'UTC' };

/**
 * The library and time zone of the flow on the canvas, for node summaries (names of agents and
 * groups, sound texts, schedules). A new value only when one of those parts changes, which redraws
 * every node; moving or editing a node redraws that node alone.
 */
export const FlowLibraryContext = createContext<FlowLibrary>(EMPTY_LIBRARY);

/** `flow`'s library and time zone: the same object while none of them changes. */
export function useFlowLibrary(flow: FlowDocument): FlowLibrary {
  const { agents, groups, schedules, sounds, timezone } = flow;
  return useMemo(
    () => ({ agents, groups, schedules, sounds, timezone }),
    [agents, groups, schedules, sounds, timezone],
  );
}
