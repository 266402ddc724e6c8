import type { CallResult, FlowIssue } from '@ringflow/flow-core';
import type {
  DraftInfo,
  FlowDiff,
  FlowValidation,
  VersionInfo,
} from '@ringflow/flow-runtime-adapters/store-types';

/*
 * What the HTTP API of `ringflow serve` sends and receives (docs/api.md), as the designer reads it.
 * The records the server's store keeps (drafts, versions, diffs, routes) are its own types, imported
 * as types only: they vanish from the bundle, and no Node code of the server comes with them. The
 * answers that wrap them are the routes' JSON bodies, written here.
 */

export type {
  DraftInfo,
  FlowDiff,
  FlowSummary,
  IdChanges,
  RoutingTable,
  VersionInfo,
} from '@ringflow/flow-runtime-adapters/store-types';

/** A validation report, as `ringflow validate --json` gives it. */
export type ValidationReport = FlowValidation;

/** `GET /v1/flows/{id}/draft`: the draft as stored (it may not parse) and its validation now. */
export interface DraftDocument {
  readonly draft: DraftInfo;
  readonly flow: unknown;
  readonly validation: ValidationReport;
}

/** `PUT /v1/flows/{id}/draft`: the saved draft and its validation. */
export interface SavedDraft {
  readonly draft: DraftInfo;
  readonly validation: ValidationReport;
}

/** `GET /v1/flows/{id}/versions/{n}`: a version and its content. */
export interface VersionDocument {
  readonly version: VersionInfo;
  readonly flow: unknown;
}

/** A publish or a rollback that went through. */
export interface Published {
  readonly version: VersionInfo;
  readonly warnings: readonly FlowIssue[];
}

/** One side of a diff: a version number or the current draft. */
export type DiffSide = number | 'draft';

/** The answer of the diff route. */
export interface FlowComparison {
  readonly flowId: string;
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly diff: FlowDiff;
}

/**
 * A call record (`ringflow.call-record/v1`): the simulation result of DESIGN 6 with what the
 * runtime knows about the call. Written here rather than imported: the designer reads records
 * leniently (any format tag, any termination reason), so that a newer server's calls still show,
 * and the runtime's own type comes only with the package's main entry, the whole Node runtime.
 */
export interface CallRecord extends CallResult {
  readonly format: string;
  readonly callId: string;
  readonly from: string | null;
  readonly to: string;
  readonly flowId: string | null;
  readonly flowVersion: string | number | null;
  /** Present when the runtime refused or ended the call itself (`noRoute`, `shutdownTimeout`...). */
  readonly terminated?: { readonly reason: string; readonly message?: string };
}

/** The recent calls of a flow, newest first. */
export interface RecentRecords {
  readonly flowId: string;
  readonly records: readonly CallRecord[];
  /** Lines of the record files that were not records (torn by a crash). */
  readonly damagedLines: number;
}
