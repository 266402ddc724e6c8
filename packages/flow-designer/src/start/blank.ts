import { FLOW_FORMAT } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';

/**
 * The time zone of new flows. A business line's hours are those of the business, not of the
 * administrator's laptop, and the designer's users are in France: Europe/Paris, changed in the
 * flow's properties when needed.
 */
export const DEFAULT_TIMEZONE = 'Europe/Paris';

/**
 * The entry of a flow that has no node yet. flow-core reports it (`unknown_entry`) until the first
 * node is added, which the designer then makes the entry.
 */
export const BLANK_ENTRY = 'start';

/**
 * A new, empty flow: no node, nothing in its libraries. It parses (so it can be exported and saved)
 * and flow-core reports one error, the entry that names no node yet, until the first node is
 * added: a blank canvas is a flow to be written, and the first step dropped on it becomes its entry.
 */
export function blankFlow({
  id,
  name,
  timezone = DEFAULT_TIMEZONE,
  locale = 'fr-FR',
}: {
  readonly id: string;
  readonly name: string;
  readonly timezone?: string;
  readonly locale?: string;
}): FlowDocument {
  return {
    format: FLOW_FORMAT,
    id,
    name,
    timezone,
    locale,
    entry: BLANK_ENTRY,
    settings: { anonymous: 'allow', blocked: [], vip: [], maxSteps: 200, recording: { enabled: false } },
    agents: [],
    groups: [],
    schedules: [],
    sounds: [],
    nodes: [],
    edges: [],
  };
}

/** A new flow made from an example: the same document under a new id and name. */
export function copyOfFlow(flow: FlowDocument, id: string, name: string): FlowDocument {
  return { ...flow, id, name };
}
