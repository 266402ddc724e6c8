/**
 * The records of a flow store as the HTTP API of `ringflow serve` sends them (docs/api.md): types
 * only, declared without any Node code behind them, for clients that run in a browser (the designer
 * imports them as types).
 *
 * @packageDocumentation
 */

export type {
  DraftInfo,
  FlowDiff,
  FlowSummary,
  FlowValidation,
  IdChanges,
  RoutingTable,
  VersionInfo,
} from './types.js';
