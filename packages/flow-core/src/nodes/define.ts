import type { z } from 'zod';
import type { NodeContext } from '../engine/node-context.js';
import type { EngineEvent } from '../engine/types.js';
import type { LocalizedText } from '../i18n/locale.js';
import type { IssueCode } from '../validation/codes.js';
import type { IssueParams, JsonPath } from '../validation/issue.js';

/** Where a kind sits in the designer's palette and the docs. */
export type NodeCategory = 'prompts' | 'conditions' | 'calls' | 'endings';

/** Category names, in palette order. */
export const NODE_CATEGORIES: Readonly<Record<NodeCategory, LocalizedText>> = {
  prompts: { en: 'Messages and menus', fr: 'Messages et menus' },
  conditions: { en: 'Conditions', fr: 'Conditions' },
  calls: { en: 'Calls', fr: 'Appels' },
  endings: { en: 'Endings', fr: 'Fins d’appel' },
};

/** An output of a node: where the call goes for one outcome. */
export interface PortSpec {
  /** Stable id, persisted in edges. */
  readonly id: string;
  readonly label: LocalizedText;
  /** Hanging up when this port is unwired is normal (e.g. after a voicemail), so no warning. */
  readonly terminalSafe?: boolean;
  /** When this port is unwired the call follows this other port instead (e.g. holiday -> closed). */
  readonly fallback?: string;
}

/** Something a node's config points to in the flow's libraries. */
export interface NodeReference {
  readonly type: 'agent' | 'group' | 'schedule' | 'sound';
  readonly id: string;
  /** Path of the reference inside the node's config. */
  readonly path: JsonPath;
  /** Background music is mixed under a voice, so it must name a file sound. */
  readonly role?: 'backgroundMusic';
}

/** What a kind's own `check` may use: a way to report issues at a path inside its config. */
export interface NodeCheckContext {
  readonly nodeId: string;
  report(code: IssueCode, path: JsonPath, params?: IssueParams): void;
}

/**
 * What a node waits for when a call enters it. A loop of nodes that wait for nothing would repeat
 * forever at machine speed, so validation refuses it (`endless_loop`).
 */
export type NodeWait = 'caller' | 'ring' | null;

/** An event as a node's runtime receives it: from the PBX, or one of the node's own timers. */
export type NodeEvent = EngineEvent | { readonly type: 'timer'; readonly name: string };

/**
 * How a kind behaves during a call: what it does on entering, and how it reacts to each event while
 * the call is in it. Both only use the context (commands, timers, records, `exit`): pure logic that
 * the session executes.
 */
export interface NodeRuntime<Config> {
  enter(context: NodeContext<Config>): void;
  on(event: NodeEvent, context: NodeContext<Config>): void;
}

/** Everything one node kind declares (DESIGN 2). */
export interface NodeKindSpec<K extends string, S extends z.ZodType<object>> {
  /** Stable id, persisted in flow documents. Never renamed. */
  readonly kind: K;
  /** Bumped when the config's meaning changes; a migration goes with it. */
  readonly version: number;
  readonly category: NodeCategory;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  /** The config schema, defaults included. */
  readonly config: S;
  /** The node's outputs, fixed or derived from its config. */
  readonly ports: readonly PortSpec[] | ((config: z.output<S>) => readonly PortSpec[]);
  /** How the docs describe ports that depend on the config. */
  readonly portsNote?: LocalizedText;
  readonly waitsFor: NodeWait;
  /** Ids this config refers to, checked against the flow's agents, groups, schedules and sounds. */
  readonly references?: (config: z.output<S>) => NodeReference[];
  /** Rules of this kind that a schema cannot say. */
  readonly check?: (config: z.output<S>, context: NodeCheckContext) => void;
  /** The kind's behaviour during a call. */
  readonly runtime: NodeRuntime<z.output<S>>;
  /** A typical config, shown in the docs and used by tests. */
  readonly example: z.input<S>;
}

/** A node kind as the registry holds it: its spec with ports always computed from a config. */
export interface NodeKind<
  K extends string = string,
  S extends z.ZodType<object> = z.ZodType<object>,
> extends Omit<NodeKindSpec<K, S>, 'ports'> {
  portsOf(config: z.output<S>): readonly PortSpec[];
  /** The ports when they do not depend on the config, else undefined. */
  readonly staticPorts: readonly PortSpec[] | undefined;
}

/**
 * Declares a node kind. One call per file under `nodes/`, then one line in the registry.
 *
 * @example
 * export const hangup = defineNodeKind({
 *   kind: 'hangup', version: 1, category: 'endings',
 *   title: { en: 'Hang up', fr: 'Raccrocher' }, description: { en: '…', fr: '…' },
 *   config: z.strictObject({ sound: soundRefSchema.optional() }),
 *   ports: [], waitsFor: null, example: {},
 * });
 */
export function defineNodeKind<K extends string, S extends z.ZodType<object>>(
  spec: NodeKindSpec<K, S>,
): NodeKind<K, S> {
  const { ports, ...rest } = spec;
  return {
    ...rest,
    portsOf: typeof ports === 'function' ? ports : () => ports,
    staticPorts: typeof ports === 'function' ? undefined : ports,
  };
}
