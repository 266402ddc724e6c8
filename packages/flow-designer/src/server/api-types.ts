import type { CallResult, FlowIssue } from '@ringflow/flow-core';

/*
 * What the HTTP API of `ringflow serve` sends and receives (docs/api.md), as the designer reads it.
 * The designer does not depend on @ringflow/flow-runtime-adapters (a Node package): these types
 * mirror its store and record types, field for field.
 */

/** What is known about a flow's draft without reading it. */
export interface DraftInfo {
  readonly flowId: string;
  readonly name: string | null;
  /** ISO 8601, UTC. */
  readonly savedAt: string;
  /** SHA-256 (hex) of the stored text: changes exactly when the draft does. */
  readonly sha256: string;
}

/** The metadata of a published version. */
export interface VersionInfo {
  readonly flowId: string;
  readonly version: number;
  readonly name: string;
  /** ISO 8601, UTC. */
  readonly publishedAt: string;
  readonly author: string | null;
  readonly comment: string | null;
  /** For a rollback, the version whose content this one republishes. */
  readonly rollbackOf: number | null;
  readonly sha256: string;
}

/** One flow of the server: its draft and its latest version, either of which may be missing. */
export interface FlowSummary {
  readonly id: string;
  readonly name: string | null;
  readonly draft: DraftInfo | null;
  readonly latest: VersionInfo | null;
}

/** A validation report, as `ringflow validate --json` gives it. */
export interface ValidationReport {
  readonly ok: boolean;
  readonly errors: readonly FlowIssue[];
  readonly warnings: readonly FlowIssue[];
}

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

/** Ids added, removed and changed in one collection, each sorted. */
export interface IdChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** What differs between two sides of a flow (`GET /v1/flows/{id}/diff`). */
export interface FlowDiff {
  readonly identical: boolean;
  readonly nodes: IdChanges;
  readonly edges: IdChanges;
  readonly library: {
    readonly agents: IdChanges;
    readonly groups: IdChanges;
    readonly schedules: IdChanges;
    readonly sounds: IdChanges;
  };
  /** Other top-level fields that differ (`name`, `entry`, `settings`...). */
  readonly fields: readonly string[];
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
 * runtime knows about the call.
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

/** The routing table: dialed number (E.164) to flow id. */
export interface RoutingTable {
  readonly routes: Readonly<Record<string, string>>;
  readonly updatedAt: string | null;
}
