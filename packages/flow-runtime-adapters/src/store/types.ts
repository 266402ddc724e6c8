import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';

/**
 * A flow document handed to a store: either a value (as `JSON.parse` gives it) or its JSON text.
 * Text is checked as flow files are (syntax with line and column, duplicate and forbidden keys,
 * size, nesting); a value is written out as JSON first and then checked the same way.
 */
export type FlowInput = { readonly document: unknown } | { readonly text: string };

/** The errors and warnings of a document, as `validateFlow` reports them (DESIGN 7 `--json` shape). */
export interface FlowValidation {
  readonly ok: boolean;
  readonly errors: readonly FlowIssue[];
  readonly warnings: readonly FlowIssue[];
}

/** What is known about a flow's draft without reading it. */
export interface DraftInfo {
  readonly flowId: string;
  /** The document's `name`, or null when the draft has none (a draft may be unfinished). */
  readonly name: string | null;
  /** When it was saved, ISO 8601 in UTC. */
  readonly savedAt: string;
  /** SHA-256 (hex) of the stored text: changes exactly when the draft does. */
  readonly sha256: string;
}

/**
 * A draft: the work in progress of a flow, saved as often as the designer likes. It may have
 * validation errors, and even fail the schema; only its JSON must be sound. It is stored in
 * canonical form (`serializeFlow`) when it parses, and as two-space JSON otherwise.
 */
export interface Draft {
  readonly info: DraftInfo;
  /** The stored text. */
  readonly text: string;
}

/** The metadata of a published version. Versions are immutable once published. */
export interface VersionInfo {
  readonly flowId: string;
  /** 1, 2, 3... in the order of publishing, never reused. */
  readonly version: number;
  /** The flow's `name` in this version. */
  readonly name: string;
  /** When it was published, ISO 8601 in UTC. */
  readonly publishedAt: string;
  /** Who published it, as the client said; null when not given. */
  readonly author: string | null;
  readonly comment: string | null;
  /** For a rollback, the version whose content this one republishes; otherwise null. */
  readonly rollbackOf: number | null;
  /** SHA-256 (hex) of the version's canonical text. */
  readonly sha256: string;
}

/** A published version: its metadata, its canonical text and the parsed document. */
export interface FlowVersion {
  readonly info: VersionInfo;
  readonly text: string;
  readonly flow: FlowDocument;
}

/** One flow of the store: its draft and its latest published version, either of which may be missing. */
export interface FlowSummary {
  readonly id: string;
  /** The draft's name, else the latest version's. */
  readonly name: string | null;
  readonly draft: DraftInfo | null;
  readonly latest: VersionInfo | null;
}

/** Who publishes and why. Both are free text, kept in the version's metadata. */
export interface PublishMetadata {
  /** At most {@link TEXT_LIMITS.author} characters, on one line. */
  readonly author?: string | undefined;
  /** At most {@link TEXT_LIMITS.comment} characters. */
  readonly comment?: string | undefined;
}

/** Options of {@link FlowStore.publish}. */
export interface PublishOptions extends PublishMetadata {
  /**
   * The `sha256` of the draft the client saw. When given and the draft has changed since, nothing is
   * published (`draft_changed`): a client never publishes a draft it has not seen.
   */
  readonly expectedDraftSha256?: string | undefined;
}

/** Limits on the free-text metadata of a version. */
export const TEXT_LIMITS = { author: 200, comment: 2000 } as const;

/** Saving a draft: stored, or refused with the reason. */
export type SaveDraftResult =
  | { readonly ok: true; readonly draft: DraftInfo; readonly validation: FlowValidation }
  /** The input is not sound JSON (syntax, size, nesting, forbidden or duplicate keys). */
  | { readonly ok: false; readonly problem: 'unreadable'; readonly issues: readonly FlowIssue[] }
  /** The document's `id` is not the flow id it is saved under. */
  | { readonly ok: false; readonly problem: 'id_mismatch'; readonly documentId: unknown };

/** Publishing (or rolling back): the new version, or why there is none. */
export type PublishResult =
  | { readonly ok: true; readonly version: VersionInfo; readonly warnings: readonly FlowIssue[] }
  | { readonly ok: false; readonly problem: 'draft_not_found' | 'version_not_found' }
  | { readonly ok: false; readonly problem: 'draft_changed'; readonly draftSha256: string }
  /** The document has validation errors: nothing with an error is ever published. */
  | {
      readonly ok: false;
      readonly problem: 'invalid';
      readonly errors: readonly FlowIssue[];
      readonly warnings: readonly FlowIssue[];
    };

/** The routing table: which flow answers each dialed number. */
export interface RoutingTable {
  /** Dialed number (E.164) -> flow id, numbers in ascending order. */
  readonly routes: Readonly<Record<string, string>>;
  /** When it was last replaced, ISO 8601 in UTC; null when it never was. */
  readonly updatedAt: string | null;
}

/** A problem of a routing table, with where it is. */
export interface RouteIssue {
  readonly code: RouteIssueCode;
  readonly message: string;
  /** Where: `["routes", "+33180000000"]`. */
  readonly path: readonly string[];
}

/** Codes of {@link RouteIssue}; stable, documented in docs/api.md. */
export type RouteIssueCode =
  | 'routes_not_an_object'
  | 'unknown_field'
  | 'invalid_format'
  | 'invalid_number'
  | 'invalid_flow_id'
  | 'too_many_routes'
  | 'flow_not_published';

/** Replacing the routing table: the new table, or every problem of the one given. */
export type SetRoutesResult =
  | { readonly ok: true; readonly table: RoutingTable }
  | { readonly ok: false; readonly issues: readonly RouteIssue[] };

/**
 * Where flows live: drafts, immutable published versions with their history, and the routing
 * table. The folder store (`createFolderStore`) is the embedded default; a database can take its
 * place by implementing this interface with the same semantics (test/store-contract.ts states them
 * as tests: run them against a new implementation).
 *
 * Every method checks its flow id against `FLOW_ID_PATTERN` and throws a TypeError for one
 * that does not match (a programmer error: check ids at the edge, as the HTTP API does). Bad
 * documents and routing tables are data: they come back as results, never as exceptions. Publishes
 * of one flow are serialized: concurrent publishes get distinct, consecutive version numbers.
 *
 * Rollback publishes a new version whose content is an older one's (`rollbackOf` says which):
 * history stays append-only, and what runs is always the latest version.
 */
export interface FlowStore {
  /** Every flow with a draft or a published version, by id. */
  listFlows(): Promise<FlowSummary[]>;
  /** One flow's summary, or undefined when it has neither draft nor version. */
  getFlow(flowId: string): Promise<FlowSummary | undefined>;

  /** The draft of a flow, or undefined. */
  getDraft(flowId: string): Promise<Draft | undefined>;
  /** Saves (replaces) the draft of a flow, whatever its validation errors; returns them. */
  saveDraft(flowId: string, input: FlowInput): Promise<SaveDraftResult>;

  /** Publishes the current draft as the next version, unless it has validation errors. */
  publish(flowId: string, options?: PublishOptions): Promise<PublishResult>;
  /** Publishes the content of an older version as the next version (see above). */
  rollback(flowId: string, toVersion: number, metadata?: PublishMetadata): Promise<PublishResult>;
  /** Every published version of a flow, newest first (empty when none). */
  listVersions(flowId: string): Promise<VersionInfo[]>;
  /** One version, or undefined when it does not exist. */
  getVersion(flowId: string, version: number): Promise<FlowVersion | undefined>;
  /** The latest version (the one calls run), or undefined when the flow was never published. */
  getLatestVersion(flowId: string): Promise<FlowVersion | undefined>;

  /** The routing table. */
  getRoutes(): Promise<RoutingTable>;
  /**
   * Replaces the routing table with `{ "routes": { number: flowId } }`. Refused, with every problem,
   * when a number is not E.164, a flow id is invalid or a flow has no published version.
   */
  setRoutes(table: unknown): Promise<SetRoutesResult>;

  /**
   * The flow that answers calls to `number`, from the routing table. With getPublished, this is
   * what the runtime asks when a call arrives (`createRuntime({ store })` takes any FlowStore).
   */
  routeNumber(number: string): Promise<string | undefined>;
  /** The latest version of a flow as the runtime wants it: the document and its version number. */
  getPublished(
    flowId: string,
  ): Promise<{ readonly flow: FlowDocument; readonly version: number } | undefined>;

  /** Waits for writes in progress, then releases the store; later calls throw. */
  close(): Promise<void>;
}

/** Ids added, removed and changed in one collection of a flow, each list in ascending order. */
export interface IdChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** What differs between two flow documents. */
export interface FlowDiff {
  /** True when the documents are equal (every list below is empty). */
  readonly identical: boolean;
  readonly nodes: IdChanges;
  readonly edges: IdChanges;
  /** The reusable library: agents, groups, schedules and sounds, by id. */
  readonly library: {
    readonly agents: IdChanges;
    readonly groups: IdChanges;
    readonly schedules: IdChanges;
    readonly sounds: IdChanges;
  };
  /**
   * Other top-level fields whose value differs, in document order: `name`, `entry`, `timezone`,
   * `settings`... A field present on one side only counts as changed.
   */
  readonly fields: readonly string[];
}
