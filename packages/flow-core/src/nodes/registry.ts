import { agentCondition } from './agent-condition.js';
import { announcement } from './announcement.js';
import { businessHours } from './business-hours.js';
import { callerMatch } from './caller-match.js';
import type { NodeKind } from './define.js';
import { forward } from './forward.js';
import { hangup } from './hangup.js';
import { menu } from './menu.js';
import { poll } from './poll.js';
import { ringGroup } from './ring-group.js';
import { voicemail } from './voicemail.js';

/**
 * Every node kind, keyed by its stable id. Adding a kind is one file under `nodes/` and one line
 * here; the compiler then lists what else is owed (designer facet, adapter support, docs page).
 */
export const NODE_KINDS = {
  announcement,
  menu,
  businessHours,
  ringGroup,
  agentCondition,
  callerMatch,
  poll,
  voicemail,
  forward,
  hangup,
} as const;

/** The id of a node kind. Maps over all kinds (designer, adapters, docs) are typed `Record<NodeKindId, …>`. */
export type NodeKindId = keyof typeof NODE_KINDS;

/** A kind of the registry, with its own config type. */
export type RegisteredNodeKind = (typeof NODE_KINDS)[NodeKindId];

/** Every kind id, in registry order. */
export const NODE_KIND_IDS = Object.keys(NODE_KINDS) as NodeKindId[];

/** The kind registered under `kind`, or undefined for an unknown kind. */
export function getNodeKind(kind: string): NodeKind | undefined {
  return Object.hasOwn(NODE_KINDS, kind)
    ? (NODE_KINDS[kind as NodeKindId] as unknown as NodeKind)
    : undefined;
}
