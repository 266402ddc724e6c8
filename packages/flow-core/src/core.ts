/**
 * @ringflow/flow-core without a holiday catalogue: everything the main entry exports, for browser
 * apps that load public holidays later (`installHolidayCatalogue` with `@ringflow/flow-core/holidays`).
 * Until a catalogue is installed, no day is a public holiday. Node hosts use the main entry.
 *
 * @example
 * import { validateFlow, installHolidayCatalogue } from '@ringflow/flow-core/core';
 * void import('@ringflow/flow-core/holidays').then((m) => installHolidayCatalogue(m.dateHolidaysCatalogue));
 *
 * @packageDocumentation
 */

// The flow document.
export { parseFlow, parseFlowText } from './document/parse.js';
export { serializeFlow } from './document/serialize.js';
export { flowJsonSchema, FLOW_JSON_SCHEMA_ID } from './document/json-schema.js';
export {
  agentSchema,
  edgeSchema,
  FLOW_FORMAT,
  FLOW_LIMITS,
  groupSchema,
  scheduleSchema,
  settingsSchema,
  WEEKDAYS,
} from './document/schema.js';
export { librarySoundSchema, memberSchema, soundRefSchema } from './document/primitives.js';
export { UNAVAILABILITY_REASONS } from './document/primitives.js';

// Node kinds.
export { defineNodeKind, NODE_CATEGORIES } from './nodes/define.js';
export { NODE_KINDS, NODE_KIND_IDS, getNodeKind } from './nodes/registry.js';
export { KEYPAD_ORDER } from './nodes/menu.js';

// Validation.
export { validateFlow, validateFlowText } from './validation/validate.js';
export { ISSUE_CODES, ALL_ISSUE_CODES } from './validation/codes.js';
export { createIssue, formatIssueMessage, formatJsonPath, IssueList } from './validation/issue.js';

// The engine and the simulator.
export { compileFlow } from './engine/compile.js';
export { createCallSession } from './engine/session.js';
export { CALL_OUTCOMES, ENGINE_EVENT_TYPES, isCallOutcome } from './engine/types.js';
export { NodeContext } from './engine/node-context.js';
export { simulateCall } from './simulate/simulate.js';
export { parseScenario, parseScenarioText, scenarioSchema } from './simulate/scenario.js';
export { VirtualClock } from './simulate/virtual-clock.js';
export { SimulatedPbx, ttsSeconds } from './simulate/simulated-pbx.js';

// Schedules.
export * from './schedule/index.js';
export {
  hasHolidayCatalogue,
  holidayCatalogueGeneration,
  installHolidayCatalogue,
  onHolidayCatalogueInstalled,
} from './schedule/holiday-catalogue.js';
export type { CataloguedHoliday, HolidayCatalogue } from './schedule/holiday-catalogue.js';

// Languages.
export { LOCALES } from './i18n/locale.js';

// Types.
export type { ParseOptions, ParseResult } from './document/parse.js';
export type {
  Agent,
  Closure,
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowNodeOf,
  FlowSettings,
  Group,
  LibrarySound,
  Schedule,
  Weekday,
} from './document/schema.js';
export type { Member, SoundRef, TimeRange, UnavailabilityReason } from './document/primitives.js';
export type {
  NodeCategory,
  NodeCheckContext,
  NodeKind,
  NodeKindSpec,
  NodeReference,
  NodeWait,
  PortSpec,
} from './nodes/define.js';
export type { NodeKindId, RegisteredNodeKind } from './nodes/registry.js';
export type { ValidateOptions, ValidationReport } from './validation/validate.js';
export type { IssueCode, IssueCodeSpec, Severity } from './validation/codes.js';
export type { FlowIssue, IssueDetails, IssueParams, JsonPath } from './validation/issue.js';
export type { Locale, LocalizedText } from './i18n/locale.js';
export type { CompiledFlow } from './engine/compile.js';
export type { CallSession, CallSessionOptions, SessionSnapshot } from './engine/session.js';
export type {
  AgentDirectory,
  AgentPresence,
  CallEvent,
  CallInfo,
  CallOutcome,
  CallResult,
  Clock,
  EngineCommand,
  EngineEvent,
  LegFailure,
  LegRecord,
  LegStatus,
  LegTarget,
  MissedReason,
  PollRecord,
  ResolvedSound,
  RingLeg,
} from './engine/types.js';
export type { NodeEvent, NodeRuntime } from './nodes/define.js';
export type { Scenario, ScenarioInput } from './simulate/scenario.js';
export type { SimulateOptions } from './simulate/simulate.js';
