import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sameFlow } from '../io/autosave.js';
import { exportFlow } from '../io/export.js';
import { createServerClient } from './api-client.js';
import type { ServerClient, ServerIssue, ServerProblem } from './api-client.js';
import type { DraftInfo, VersionInfo } from './api-types.js';
import {
  browserConnectionStorages,
  forgetConnection,
  readStoredConnection,
  serverFlowFromSearch,
  serverFromSearch,
  storeConnection,
} from './connection.js';
import type { ConnectionStorages, ServerCredentials } from './connection.js';
import { readServerFlow } from './read-flow.js';

/**
 * How an open document is tied to a flow of the server. Kept by the app with the document, so that
 * opening another flow, or the same one again, never mixes them up.
 */
export interface ServerLink {
  readonly flowId: string;
  /**
   * The `sha256` of the server's draft when this document was loaded from it or last saved as it;
   * null when the server had no draft then. A save first checks that the server's draft is still
   * this one: if a colleague saved in between, the admin chooses (conflict dialog).
   */
  readonly draftSha256: string | null;
  /** When that draft was saved (ISO 8601), null when there was none. */
  readonly savedAt: string | null;
  /** The content as loaded or saved: the document has unsaved changes when it differs. Null: never saved. */
  readonly saved: FlowDocument | null;
  /** Set when the document is a published version shown read-only: nothing is saved from it. */
  readonly version?: number | undefined;
}

/** The connection to a server. */
export type ServerState =
  | { readonly kind: 'off' }
  | { readonly kind: 'checking'; readonly url: string }
  | { readonly kind: 'on'; readonly url: string; readonly remember: boolean }
  | { readonly kind: 'failed'; readonly url: string; readonly problem: ServerProblem };

/** The dialog the session shows, one at a time, above the whole app. */
export type ServerDialog =
  | { readonly kind: 'connect'; readonly url: string; readonly problem?: ServerProblem | undefined }
  | { readonly kind: 'create' }
  | {
      readonly kind: 'conflict';
      /** The server's draft now (null: there is none any more). */
      readonly server: DraftInfo | null;
      /** What the save was for: a publish goes on once the conflict is settled. */
      readonly then: 'save' | 'publish';
    }
  | { readonly kind: 'unsaved'; readonly flowName: string; readonly proceed: () => void }
  | { readonly kind: 'publish' }
  | { readonly kind: 'rollback'; readonly version: VersionInfo };

/** A message of the session under the toolbar: what was done, or what went wrong. */
export interface ServerNotice {
  readonly tone: 'success' | 'error';
  /** A key of the server area's messages, with its parameters. */
  readonly message: ServerNoticeMessage;
  /** The failed request, for its details (server's words, request id). */
  readonly problem?: ServerProblem | undefined;
  /** Problems to list (a draft that cannot be opened, the validation of a save). */
  readonly issues?: readonly (FlowIssue | ServerIssue)[] | undefined;
}

/** The notices the session gives, by their message key. */
export type ServerNoticeMessage =
  | { readonly key: 'server.notice.saved'; readonly params: { errors: number; warnings: number } }
  | { readonly key: 'server.notice.savedClean' }
  | { readonly key: 'server.notice.created'; readonly params: { id: string } }
  | { readonly key: 'server.notice.published'; readonly params: { version: number; warnings: number } }
  | { readonly key: 'server.notice.rolledBack'; readonly params: { version: number; from: number } }
  | { readonly key: 'server.notice.openedDraft'; readonly params: { name: string } }
  | {
      readonly key: 'server.notice.openedVersion' | 'server.notice.openedReadOnly';
      readonly params: { name: string; version: number };
    }
  | { readonly key: 'server.notice.unreadable'; readonly params: { id: string } }
  | { readonly key: 'server.notice.failed'; readonly params: { action: ServerAction } };

/** What failed, in a notice. */
export type ServerAction = 'save' | 'open';

/** What the open document is, for the server. */
export interface ServerDocumentState {
  readonly flow: FlowDocument;
  /** The flow id on the server (the document's id when it is not from the server). */
  readonly flowId: string;
  readonly name: string;
  /** Its link, when it was opened from the server or saved there. */
  readonly link: ServerLink | undefined;
  /** Linked, and changed since it was loaded or saved (or never saved). */
  readonly dirty: boolean;
  /** A published version shown read-only. */
  readonly readOnly: boolean;
}

/** What the session is doing, to disable buttons and say so. */
export type ServerActivity = 'connecting' | 'saving' | 'publishing' | 'opening' | 'creating' | 'rollingBack';

/** How `create` went when it did not. */
export type CreateOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly exists: true }
  | { readonly ok: false; readonly exists: false; readonly problem: ServerProblem };

/** Who publishes and why. */
export interface PublishMetadata {
  readonly author: string;
  readonly comment: string;
}

/** Which content of a server flow to open. */
export type OpenRequest = 'draft' | 'latest' | { readonly version: number; readonly readOnly: boolean };

/**
 * The designer connected to a ringflow server: the connection, the open document's tie to a server
 * flow, and what can be done with it. The app holds it and gives it to the panels (ServerPanel) and
 * to its toolbar (ServerStatus); the dialogs (ServerDialogs) act on it.
 */
export interface ServerSession {
  readonly state: ServerState;
  /** The client of the connected server; null unless connected. */
  readonly client: ServerClient | null;
  /** The open document, null when none is open. */
  readonly document: ServerDocumentState | null;
  readonly activity: ServerActivity | null;
  readonly notice: ServerNotice | null;
  readonly dialog: ServerDialog | null;
  /**
   * True when the open document was opened from the server (its panel or toolbar): the designer,
   * which gets a new canvas for it, shows the Server panel again rather than the Properties.
   */
  readonly reopenPanel: boolean;
  /** Where the connection is kept; localStorage also remembers the author of publishes. */
  readonly storages: ConnectionStorages;
  /** Grows after every change made on the server through the session: panels read again. */
  readonly revision: number;
  showConnect(): void;
  /** Checks the server and the token (reads the flows); stores them when they work. */
  connect(url: string, token: string, remember: boolean): Promise<ServerProblem | null>;
  /** Tries the current connection again (after a failure). */
  retry(): void;
  disconnect(): void;
  /**
   * Saves the open document as its flow's draft; an unlinked document asks for its id on the server.
   * True when the draft on the server is now the open document.
   */
  save(): Promise<boolean>;
  open(flowId: string, what: OpenRequest): Promise<void>;
  showCreate(): void;
  /** Creates a flow on the server from the open document, as `id` named `name`. */
  create(id: string, name: string): Promise<CreateOutcome>;
  showPublish(): void;
  /** Saves the draft if needed, then publishes it. A problem keeps the dialog open and is returned. */
  publish(metadata: PublishMetadata): Promise<ServerProblem | null>;
  showRollback(version: VersionInfo): void;
  rollback(version: number, metadata: PublishMetadata): Promise<ServerProblem | null>;
  /** Makes the read-only version the document to save as the draft. */
  editAsDraft(): Promise<void>;
  /** Settles a conflict: overwrite the server's draft with this one, or open the server's. */
  resolveConflict(choice: 'mine' | 'theirs'): Promise<void>;
  closeDialog(): void;
  dismissNotice(): void;
}

/** Options of {@link useServerSession}. */
export interface ServerSessionOptions {
  /** The page's query string: `?server=<url>` names a server to connect to, `?serverFlow=<id>` a flow to open. */
  readonly search: string;
  /** The open document, with its link when it came from the server. */
  readonly current: { readonly flow: FlowDocument; readonly link?: ServerLink | undefined } | undefined;
  /** Opens a document of the server in place of the open one (a new canvas). */
  readonly onOpen: (flow: FlowDocument, link: ServerLink) => void;
  /** Ties the open document to the server (after a save), when it is still the flow `link.flowId`. */
  readonly onLink: (link: ServerLink) => void;
  /** Where the connection is kept. Default the browser's sessionStorage and localStorage. */
  readonly storages?: ConnectionStorages | undefined;
  /** Makes the client of a server. Default {@link createServerClient} (stories and tests pass a fake). */
  readonly createClient?: ((credentials: ServerCredentials) => ServerClient) | undefined;
  /** Opens the connect dialog at start (the admin asked for it before the session was loaded). */
  readonly connectAtStart?: boolean | undefined;
}

/** Mirrors the server in the address bar (never the token), so that the address can be shared. */
function replaceQuery(change: Readonly<Record<string, string | null>>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(change)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  window.history.replaceState(window.history.state, '', url);
}

/** How a save went: the draft now on the server, or not saved (the reason is already shown). */
type SaveOutcome =
  { readonly saved: true; readonly flowId: string; readonly draftSha256: string } | { readonly saved: false };

const NOT_SAVED: SaveOutcome = { saved: false };

function unsavedChanges(flow: FlowDocument, link: ServerLink | undefined): boolean {
  if (link === undefined || link.version !== undefined) return false;
  return link.saved === null || (flow !== link.saved && !sameFlow(flow, link.saved));
}

/**
 * The server session of the app. Without a server (no `?server=`, nothing stored) it makes no
 * request at all and the designer works on its own as before.
 */
export function useServerSession(options: ServerSessionOptions): ServerSession {
  const [storages] = useState(() => options.storages ?? browserConnectionStorages());
  const givenClient = options.createClient;
  const [state, setState] = useState<ServerState>({ kind: 'off' });
  const [client, setClient] = useState<ServerClient | null>(null);
  const [activity, setActivity] = useState<ServerActivity | null>(null);
  const [notice, setNotice] = useState<ServerNotice | null>(null);
  const [dialog, setDialog] = useState<ServerDialog | null>(null);
  const [revision, setRevision] = useState(0);
  const [openedHere, setOpenedHere] = useState(false);
  const credentials = useRef<(ServerCredentials & { remember: boolean }) | null>(null);
  // The latest props and state, for actions that finish after an await.
  const latest = useRef({ options, client, dialog });
  latest.current = { options, client, dialog };
  const busy = useRef(false);
  // `?serverFlow=`: opened once connected.
  const pendingOpen = useRef<string | undefined>(undefined);

  const openFlow = options.current?.flow;
  const link = options.current?.link;
  // Compared once per edit (the host passes a new `current` object at every render).
  const dirty = useMemo(
    () => (openFlow === undefined ? false : unsavedChanges(openFlow, link)),
    [openFlow, link],
  );
  const document = useMemo<ServerDocumentState | null>(
    () =>
      openFlow === undefined
        ? null
        : {
            flow: openFlow,
            flowId: link?.flowId ?? openFlow.id,
            name: openFlow.name,
            link,
            dirty,
            readOnly: link?.version !== undefined,
          },
    [openFlow, link, dirty],
  );

  const failed = useCallback((action: ServerAction, problem: ServerProblem) => {
    setNotice({ tone: 'error', message: { key: 'server.notice.failed', params: { action } }, problem });
  }, []);

  /** Reads the flows with `given`: the check that the server is there and takes the token. */
  const verify = useCallback(
    async (
      given: ServerCredentials & { remember: boolean },
      openFlow?: string,
    ): Promise<ServerProblem | null> => {
      setState({ kind: 'checking', url: given.url });
      setActivity('connecting');
      const candidate = (givenClient ?? createServerClient)({ url: given.url, token: given.token });
      const flows = await candidate.listFlows();
      setActivity(null);
      if (!flows.ok) {
        if (flows.problem.kind === 'unauthorized') {
          // A refused token is never kept.
          forgetConnection(storages);
          credentials.current = null;
          setClient(null);
          setState({ kind: 'off' });
        } else {
          credentials.current = given;
          setClient(null);
          setState({ kind: 'failed', url: given.url, problem: flows.problem });
        }
        return flows.problem;
      }
      credentials.current = given;
      storeConnection(storages, given);
      setClient(candidate);
      setState({ kind: 'on', url: given.url, remember: given.remember });
      replaceQuery({ server: given.url });
      setRevision((n) => n + 1);
      if (openFlow !== undefined) pendingOpen.current = openFlow;
      return null;
    },
    [givenClient, storages],
  );

  // At start: the stored connection (if it is the one `?server=` names), else the dialog for `?server=`.
  useEffect(() => {
    const { search } = latest.current.options;
    const asked = serverFromSearch(search);
    const stored = readStoredConnection(storages);
    const flow = serverFlowFromSearch(search);
    if (stored !== undefined && (asked === undefined || asked === stored.url)) {
      void verify(stored, flow).then((problem) => {
        if (problem?.kind === 'unauthorized') setDialog({ kind: 'connect', url: stored.url, problem });
      });
    } else if (asked !== undefined) {
      pendingOpen.current = flow;
      setDialog({ kind: 'connect', url: asked });
    } else if (latest.current.options.connectAtStart === true) {
      setDialog({ kind: 'connect', url: '' });
    }
    // Once, at start: what the page was opened with.
  }, []);

  const saveNow = useCallback(
    async (force: boolean, then: 'save' | 'publish'): Promise<SaveOutcome> => {
      const { client: connected, options: now } = latest.current;
      const open = now.current;
      const openLink = open?.link;
      if (connected === null || open === undefined) return NOT_SAVED;
      if (openLink === undefined) {
        setDialog({ kind: 'create' });
        return NOT_SAVED;
      }
      if (openLink.version !== undefined) return NOT_SAVED;
      if (openLink.draftSha256 !== null && !unsavedChanges(open.flow, openLink)) {
        return { saved: true, flowId: openLink.flowId, draftSha256: openLink.draftSha256 };
      }
      const flowId = openLink.flowId;
      if (!force) {
        const summary = await connected.getFlow(flowId);
        if (!summary.ok && summary.problem.kind !== 'notFound') {
          failed('save', summary.problem);
          return NOT_SAVED;
        }
        const onServer = summary.ok ? summary.value.draft : null;
        if ((onServer?.sha256 ?? null) !== openLink.draftSha256) {
          setDialog({ kind: 'conflict', server: onServer, then });
          return NOT_SAVED;
        }
      }
      const flow = open.flow;
      const saved = await connected.saveDraft(flowId, exportFlow(flow).text);
      if (!saved.ok) {
        failed('save', saved.problem);
        return NOT_SAVED;
      }
      const { draft, validation } = saved.value;
      latest.current.options.onLink({
        flowId,
        draftSha256: draft.sha256,
        savedAt: draft.savedAt,
        saved: flow,
      });
      setRevision((n) => n + 1);
      const issues = [...validation.errors, ...validation.warnings];
      setNotice(
        issues.length === 0
          ? { tone: 'success', message: { key: 'server.notice.savedClean' } }
          : {
              tone: 'success',
              message: {
                key: 'server.notice.saved',
                params: { errors: validation.errors.length, warnings: validation.warnings.length },
              },
            },
      );
      return { saved: true, flowId, draftSha256: draft.sha256 };
    },
    [failed],
  );

  const run = useCallback(
    async <T>(what: ServerActivity, action: () => Promise<T>): Promise<T | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setActivity(what);
      try {
        return await action();
      } finally {
        busy.current = false;
        setActivity(null);
      }
    },
    [],
  );

  const save = useCallback(
    async () => (await run('saving', () => saveNow(false, 'save')))?.saved === true,
    [run, saveNow],
  );

  const openNow = useCallback(
    async (flowId: string, what: OpenRequest): Promise<void> => {
      const connected = latest.current.client;
      if (connected === null) return;
      const opened = (flow: FlowDocument, link: ServerLink, version?: number) => {
        setOpenedHere(true);
        latest.current.options.onOpen(flow, link);
        setNotice({
          tone: 'success',
          message:
            version === undefined
              ? { key: 'server.notice.openedDraft', params: { name: flow.name } }
              : {
                  key:
                    link.version === undefined
                      ? 'server.notice.openedVersion'
                      : 'server.notice.openedReadOnly',
                  params: { name: flow.name, version },
                },
        });
      };
      const unreadable = (issues: readonly FlowIssue[]) =>
        setNotice({
          tone: 'error',
          message: { key: 'server.notice.unreadable', params: { id: flowId } },
          issues,
        });
      if (what === 'draft') {
        const draft = await connected.getDraft(flowId);
        if (!draft.ok) {
          // A flow only ever published opens on its latest version, to save as its first draft.
          if (draft.problem.code === 'draft_not_found') return openNow(flowId, 'latest');
          failed('open', draft.problem);
          return;
        }
        const read = readServerFlow(draft.value.flow, flowId);
        if (!read.ok) return unreadable(read.issues);
        const info = draft.value.draft;
        opened(read.flow, { flowId, draftSha256: info.sha256, savedAt: info.savedAt, saved: read.flow });
        return;
      }
      const summary = await connected.getFlow(flowId);
      if (!summary.ok) {
        failed('open', summary.problem);
        return;
      }
      const number = what === 'latest' ? summary.value.latest?.version : what.version;
      if (number === undefined) {
        failed('open', {
          kind: 'notFound',
          status: 404,
          code: 'version_not_found',
          message: 'The flow has no published version.',
          errors: [],
          warnings: [],
          details: undefined,
          requestId: null,
        });
        return;
      }
      const version = await connected.getVersion(flowId, number);
      if (!version.ok) {
        failed('open', version.problem);
        return;
      }
      const read = readServerFlow(version.value.flow, flowId);
      if (!read.ok) return unreadable(read.issues);
      const draft = summary.value.draft;
      const readOnly = what !== 'latest' && what.readOnly;
      opened(
        read.flow,
        readOnly
          ? {
              flowId,
              draftSha256: draft?.sha256 ?? null,
              savedAt: draft?.savedAt ?? null,
              saved: read.flow,
              version: number,
            }
          : { flowId, draftSha256: draft?.sha256 ?? null, savedAt: draft?.savedAt ?? null, saved: null },
        number,
      );
    },
    [failed],
  );

  const open = useCallback(
    async (flowId: string, what: OpenRequest) => {
      const now = latest.current.options.current;
      const go = () => void run('opening', () => openNow(flowId, what));
      if (now !== undefined && unsavedChanges(now.flow, now.link)) {
        setDialog({
          kind: 'unsaved',
          flowName: now.flow.name,
          proceed: () => {
            setDialog(null);
            go();
          },
        });
        return;
      }
      await run('opening', () => openNow(flowId, what));
    },
    [openNow, run],
  );

  // `?serverFlow=` once connected, unless that flow is open already.
  useEffect(() => {
    const flowId = pendingOpen.current;
    if (state.kind !== 'on' || flowId === undefined) return;
    pendingOpen.current = undefined;
    if (latest.current.options.current?.link?.flowId !== flowId) void open(flowId, 'draft');
  }, [state.kind, open]);

  const create = useCallback(
    async (id: string, name: string): Promise<CreateOutcome> => {
      const outcome = await run('creating', async (): Promise<CreateOutcome> => {
        const { client: connected, options: now } = latest.current;
        const open = now.current;
        if (connected === null || open === undefined) return { ok: true };
        const existing = await connected.getFlow(id);
        if (existing.ok) return { ok: false, exists: true };
        if (existing.problem.kind !== 'notFound')
          return { ok: false, exists: false, problem: existing.problem };
        const flow = open.flow.id === id && open.flow.name === name ? open.flow : { ...open.flow, id, name };
        const saved = await connected.saveDraft(id, exportFlow(flow).text);
        if (!saved.ok) return { ok: false, exists: false, problem: saved.problem };
        const link: ServerLink = {
          flowId: id,
          draftSha256: saved.value.draft.sha256,
          savedAt: saved.value.draft.savedAt,
          saved: flow,
        };
        if (flow === open.flow) now.onLink(link);
        else now.onOpen(flow, link);
        setDialog(null);
        setRevision((n) => n + 1);
        setNotice({ tone: 'success', message: { key: 'server.notice.created', params: { id } } });
        return { ok: true };
      });
      return outcome ?? { ok: true };
    },
    [run],
  );

  const publish = useCallback(
    async ({ author, comment }: PublishMetadata): Promise<ServerProblem | null> => {
      const result = await run('publishing', async (): Promise<ServerProblem | null> => {
        // The draft just saved (or already saved) is the one published: the server refuses any other.
        const saved = await saveNow(false, 'publish');
        const connected = latest.current.client;
        if (!saved.saved || connected === null) return null;
        const published = await connected.publish(saved.flowId, {
          ...(author.trim() === '' ? {} : { author: author.trim() }),
          ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
          draftSha256: saved.draftSha256,
        });
        if (!published.ok) {
          if (published.problem.kind === 'conflict') {
            const summary = await connected.getFlow(saved.flowId);
            setDialog({ kind: 'conflict', server: summary.ok ? summary.value.draft : null, then: 'publish' });
            return null;
          }
          return published.problem;
        }
        setDialog(null);
        setRevision((n) => n + 1);
        setNotice({
          tone: 'success',
          message: {
            key: 'server.notice.published',
            params: { version: published.value.version.version, warnings: published.value.warnings.length },
          },
        });
        return null;
      });
      return result ?? null;
    },
    [run, saveNow],
  );

  const rollback = useCallback(
    async (version: number, { author, comment }: PublishMetadata): Promise<ServerProblem | null> => {
      const result = await run('rollingBack', async (): Promise<ServerProblem | null> => {
        const { client: connected, options: now } = latest.current;
        const flowId = now.current?.link?.flowId;
        if (connected === null || flowId === undefined) return null;
        const done = await connected.rollback(flowId, {
          version,
          ...(author.trim() === '' ? {} : { author: author.trim() }),
          ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
        });
        if (!done.ok) return done.problem;
        setDialog(null);
        setRevision((n) => n + 1);
        setNotice({
          tone: 'success',
          message: {
            key: 'server.notice.rolledBack',
            params: { version: done.value.version.version, from: version },
          },
        });
        return null;
      });
      return result ?? null;
    },
    [run],
  );

  const editAsDraft = useCallback(async () => {
    await run('opening', async () => {
      const { client: connected, options: now } = latest.current;
      const open = now.current;
      const openLink = open?.link;
      if (connected === null || open === undefined || openLink?.version === undefined) return;
      const summary = await connected.getFlow(openLink.flowId);
      if (!summary.ok && summary.problem.kind !== 'notFound') {
        failed('open', summary.problem);
        return;
      }
      const draft = summary.ok ? summary.value.draft : null;
      now.onLink({
        flowId: openLink.flowId,
        draftSha256: draft?.sha256 ?? null,
        savedAt: draft?.savedAt ?? null,
        saved: null,
      });
    });
  }, [failed, run]);

  const resolveConflict = useCallback(
    async (choice: 'mine' | 'theirs') => {
      const conflict = latest.current.dialog;
      if (conflict?.kind !== 'conflict') return;
      const flowId = latest.current.options.current?.link?.flowId;
      setDialog(null);
      if (choice === 'theirs') {
        if (flowId !== undefined) await run('opening', () => openNow(flowId, 'draft'));
        return;
      }
      const saved = await run('saving', () => saveNow(true, conflict.then));
      if (saved?.saved === true && conflict.then === 'publish') setDialog({ kind: 'publish' });
    },
    [openNow, run, saveNow],
  );

  const connect = useCallback(
    async (url: string, token: string, remember: boolean) => {
      const flow = pendingOpen.current;
      const problem = await verify({ url, token, remember }, flow);
      if (problem === null) setDialog(null);
      return problem;
    },
    [verify],
  );

  const retry = useCallback(() => {
    const given = credentials.current;
    if (given !== null) void verify(given);
  }, [verify]);

  const disconnect = useCallback(() => {
    forgetConnection(storages);
    credentials.current = null;
    setClient(null);
    setState({ kind: 'off' });
    setNotice(null);
    replaceQuery({ server: null, serverFlow: null });
  }, [storages]);

  // Ctrl+S (⌘S) saves to the server while connected; without a server the browser keeps the key.
  useEffect(() => {
    if (state.kind !== 'on') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 's' || latest.current.dialog !== null) return;
      event.preventDefault();
      void save();
    };
    window.document.addEventListener('keydown', onKeyDown);
    return () => window.document.removeEventListener('keydown', onKeyDown);
  }, [state.kind, save]);

  return useMemo<ServerSession>(
    () => ({
      state,
      client,
      document,
      activity,
      notice,
      dialog,
      reopenPanel: openedHere && link !== undefined,
      storages,
      revision,
      showConnect: () =>
        setDialog({
          kind: 'connect',
          url: state.kind === 'off' ? (serverFromSearch(options.search) ?? '') : state.url,
        }),
      connect,
      retry,
      disconnect,
      save,
      open,
      showCreate: () => setDialog({ kind: 'create' }),
      create,
      showPublish: () => setDialog({ kind: 'publish' }),
      publish,
      showRollback: (version) => setDialog({ kind: 'rollback', version }),
      rollback,
      editAsDraft,
      resolveConflict,
      closeDialog: () => setDialog(null),
      dismissNotice: () => setNotice(null),
    }),
    [
      state,
      client,
      document,
      activity,
      notice,
      dialog,
      openedHere,
      link,
      storages,
      revision,
      options.search,
      connect,
      retry,
      disconnect,
      save,
      open,
      create,
      publish,
      rollback,
      editAsDraft,
      resolveConflict,
    ],
  );
}
