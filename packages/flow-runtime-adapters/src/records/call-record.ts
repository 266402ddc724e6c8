import type { CallResult, EngineCommand } from '@ringflow/flow-core';

/** The format tag of a call record; bumped (with a migration note) if a field changes meaning. */
export const CALL_RECORD_FORMAT = 'ringflow.call-record/v1';

/**
 * Why the runtime, rather than the flow or the caller, refused or ended a call:
 * - `noRoute`: no flow answers the number dialed;
 * - `notPublished`: the routed flow has no published version;
 * - `invalidFlow`: the published version does not compile (it has validation errors);
 * - `storeFailed`: the flow store threw while routing the call;
 * - `shuttingDown`: the call arrived after the runtime began to shut down;
 * - `shutdownTimeout`: the call was still in progress when the shutdown timeout ran out;
 * - `adapterFailed`: a command the call could not go on without (`answer`, `bridge`,
 *   `recordVoicemail`) failed in the adapter.
 */
export type TerminationReason =
  | 'noRoute'
  | 'notPublished'
  | 'invalidFlow'
  | 'storeFailed'
  | 'shuttingDown'
  | 'shutdownTimeout'
  | 'adapterFailed';

/** A command the adapter failed to execute (it threw, rejected or did not settle in time). */
export interface AdapterErrorRecord {
  readonly at: string;
  readonly command: EngineCommand['type'];
  readonly message: string;
}

/**
 * One line of the call records: the call record of DESIGN 6 (every field of `CallResult`, at the
 * top level so that `jq` and log tools read it as is) with what the runtime knows about the call.
 */
export interface CallRecord extends CallResult {
  readonly format: typeof CALL_RECORD_FORMAT;
  /** The adapter's id for the call. */
  readonly callId: string;
  readonly from: string | null;
  readonly to: string;
  /** The flow that ran the call; null when it was refused before a flow was found. */
  readonly flowId: string | null;
  /** The published version the call ran on, as the store names it; null when none. */
  readonly flowVersion: string | number | null;
  /** Present when the runtime refused or ended the call itself. */
  readonly terminated?: { readonly reason: TerminationReason; readonly message?: string };
  /** Present when commands of the call failed in the adapter. */
  readonly adapterErrors?: readonly AdapterErrorRecord[];
}
