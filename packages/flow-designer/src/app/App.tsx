import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';
import { Suspense, lazy, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { FlowDesigner } from '../FlowDesigner.js';
import { createTranslator, LocaleProvider, localeFromSearch } from '../i18n/i18n.js';
import {
  browserStorage,
  discardSavedFlow,
  listSavedFlows,
  loadSavedFlow,
  sameFlow,
  useAutosave,
} from '../io/autosave.js';
import type { SavedFlow } from '../io/autosave.js';
import { downloadText, exportFlow } from '../io/export.js';
import { importFlowFile, readImportFile } from '../io/import.js';
import type { ImportFile } from '../io/import.js';
import { ImportProblems } from '../io/ImportProblems.js';
import { RecoveryBanner } from '../io/RecoveryBanner.js';
import { ServerStatus } from '../server/ServerStatus.js';
import { ServerSessionProvider } from '../server/session-context.js';
import { useServer } from '../server/useServer.js';
import type { ServerLink, ServerSessionOptions } from '../server/useServerSession.js';
import { StartDialog } from '../start/StartDialog.js';
import type { Example } from './examples.js';
import './app.css';

// The server's dialogs and messages are loaded when one shows: a designer used without a server
// never needs them.
const ServerDialogs = lazy(() =>
  import('../server/on-demand.js').then((m) => ({ default: m.ServerDialogs })),
);
const ServerNotice = lazy(() => import('../server/on-demand.js').then((m) => ({ default: m.ServerNotice })));

export interface AppProps {
  readonly examples: readonly Example[];
  /**
   * The page's query string: `?example=<folder>`, `?flow=<saved flow id>`, `?lang=en|fr`, and
   * `?server=<url>` (a ringflow server to connect to) with `?serverFlow=<flow id>` (its flow to open).
   */
  readonly search: string;
  /** Where flows are saved automatically. Default: the browser's localStorage. */
  readonly storage?: Storage;
  /** How long after the last edit the flow is saved. */
  readonly autosaveDelayMs?: number;
  /** Saves an exported file. Default: the browser's download. */
  readonly saveFile?: (fileName: string, text: string) => void;
  /** Where the server connection is kept and how its client is made. Default: the browser's. */
  readonly server?: Pick<ServerSessionOptions, 'storages' | 'createClient'>;
}

/** Where the open flow comes from: it decides what the address bar shows. */
type Origin =
  | { readonly kind: 'example'; readonly folder: string }
  | { readonly kind: 'new' }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'draft' }
  | { readonly kind: 'server'; readonly link: ServerLink };

/** The flow the app has open. */
interface OpenDocument {
  readonly flow: FlowDocument;
  /** The flow as it was opened, to tell whether it was edited since. */
  readonly opened: FlowDocument;
  readonly origin: Origin;
  /** Changes at every opening: a new canvas, framed on the new flow. */
  readonly key: number;
}

/** A message under the toolbar, with a way back to the flow open before, when there was one. */
interface Notice {
  readonly text: string;
  readonly reopen?: OpenDocument;
}

/** The folder asked for by `?example=`, else the first example. */
function initialFolder(examples: readonly Example[], search: string): string | undefined {
  const asked = new URLSearchParams(search).get('example');
  return examples.find((example) => example.folder === asked)?.folder ?? examples[0]?.folder;
}

/**
 * What the page opens on: the saved flow named by `?flow=`, else the example named by `?example=`
 * (or the first one), with the offer of its autosave when that differs from it.
 */
function initialDocument(
  examples: readonly Example[],
  search: string,
  storage: Storage | undefined,
): { doc?: OpenDocument; offer?: SavedFlow } {
  const flowId = new URLSearchParams(search).get('flow');
  const draft = flowId === null ? undefined : loadSavedFlow(storage, flowId);
  if (draft !== undefined)
    return { doc: { flow: draft.flow, opened: draft.flow, origin: { kind: 'draft' }, key: 0 } };
  const example = examples.find((e) => e.folder === initialFolder(examples, search));
  if (example === undefined) return {};
  const saved = loadSavedFlow(storage, example.id);
  return {
    doc: {
      flow: example.flow,
      opened: example.flow,
      origin: { kind: 'example', folder: example.folder },
      key: 0,
    },
    ...(saved !== undefined && !sameFlow(saved.flow, example.flow) ? { offer: saved } : {}),
  };
}

/** Mirrors the app's state in the address bar, so a reload or a shared link shows the same thing. */
function updateQuery(change: Readonly<Record<string, string | null>>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(change)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  window.history.replaceState(null, '', url);
}

function hasFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

/**
 * The designer app: a toolbar (New, Import, Export, the example picker, language and theme) over
 * the editor of one flow. The app owns the open flow: it saves it automatically in the browser,
 * offers to recover a saved version that differs from what is opened, imports flow files (by the
 * Import button or by dropping them on the page) and exports them in flow-core's canonical form.
 */
export function App({
  examples,
  search,
  storage: givenStorage,
  autosaveDelayMs,
  saveFile = downloadText,
  server: serverOptions,
}: AppProps) {
  const [storage] = useState(() => givenStorage ?? browserStorage());
  const [locale, setLocale] = useState<Locale>(() => localeFromSearch(search));
  const [colorMode, setColorMode] = useState<ColorMode>('light');
  const [start] = useState(() => initialDocument(examples, search, storage));
  const [doc, setDoc] = useState<OpenDocument | undefined>(start.doc);
  const [offer, setOffer] = useState<SavedFlow | undefined>(start.offer);
  // Edits of each example are kept while the page is open, so that switching examples loses none.
  const [edited, setEdited] = useState<Readonly<Record<string, FlowDocument>>>({});
  const [starting, setStarting] = useState(false);
  const [refused, setRefused] = useState<ImportFile | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const autosave = useAutosave(storage, autosaveDelayMs);
  const { t } = createTranslator(locale);
  // Without `?server=` or a stored connection, nothing of the server area loads and no request is made.
  const { session: server, runner: serverRunner } = useServer({
    search,
    current:
      doc === undefined
        ? undefined
        : { flow: doc.flow, link: doc.origin.kind === 'server' ? doc.origin.link : undefined },
    onOpen: (flow, link) => {
      setNotice(undefined);
      open(flow, { kind: 'server', link }, { save: false });
    },
    onLink: (link) => {
      setDoc((d) =>
        d === undefined || d.flow.id !== link.flowId ? d : { ...d, origin: { kind: 'server', link } },
      );
      updateQuery({ example: null, flow: null, serverFlow: link.flowId });
    },
    storages: serverOptions?.storages,
    createClient: serverOptions?.createClient,
  });
  const modal = starting || refused !== undefined || server.dialog !== null;

  /** Opens `flow` in place of the open one; the open one was saved first and can be reopened. */
  const open = (flow: FlowDocument, origin: Origin, { save }: { save: boolean }) => {
    autosave.flush();
    const saved = loadSavedFlow(storage, flow.id);
    const differs = saved !== undefined && !sameFlow(saved.flow, flow) ? saved : undefined;
    // A flow that exists nowhere else is saved at once; a saved version that differs waits for a choice.
    if (save && differs === undefined) autosave.saveNow(flow);
    setDoc((current) => ({ flow, opened: flow, origin, key: (current?.key ?? 0) + 1 }));
    setOffer(differs);
    updateQuery(
      origin.kind === 'example'
        ? { example: origin.folder, flow: null, serverFlow: null }
        : origin.kind === 'server'
          ? { example: null, flow: null, serverFlow: origin.link.flowId }
          : { example: null, flow: flow.id, serverFlow: null },
    );
  };

  const onChange = (next: FlowDocument) => {
    if (doc === undefined) return;
    setDoc({ ...doc, flow: next });
    if (doc.origin.kind === 'example') {
      const folder = doc.origin.folder;
      setEdited((all) => ({ ...all, [folder]: next }));
    }
    // While a saved version waits for the admin's choice, it is not overwritten.
    if (offer === undefined) autosave.schedule(next);
  };

  const recover = () => {
    if (offer === undefined) return;
    open(offer.flow, { kind: 'draft' }, { save: false });
  };
  const discard = () => {
    if (offer === undefined) return;
    discardSavedFlow(storage, offer.id);
    setOffer(undefined);
    if (doc !== undefined && doc.flow !== doc.opened) autosave.schedule(doc.flow);
  };

  const importFile = async (file: File) => {
    const read = await readImportFile(file);
    const result = importFlowFile(read, locale, t('io.import.unreadable', { reason: read.unreadable ?? '' }));
    if (!result.ok) {
      setRefused(read);
      return;
    }
    const previous = doc;
    open(result.flow, { kind: 'file', name: read.name }, { save: true });
    const report = validateFlow(result.flow, { locale });
    const counts = { file: read.name, errors: report.errors.length, warnings: report.warnings.length };
    setNotice({
      text: t(counts.errors + counts.warnings === 0 ? 'app.importedClean' : 'app.imported', counts),
      ...(previous === undefined ? {} : { reopen: previous }),
    });
  };

  const exportCurrent = () => {
    if (doc === undefined) return;
    const file = exportFlow(doc.flow);
    saveFile(file.fileName, file.text);
    const errors = validateFlow(doc.flow).errors.length;
    setNotice({
      text: t(errors > 0 ? 'app.exportedWithErrors' : 'app.exported', { file: file.fileName, errors }),
    });
  };

  const drafts = useMemo(() => (starting ? listSavedFlows(storage) : []), [starting, storage]);
  const takenIds = useMemo(
    () =>
      new Set([
        ...drafts.map((draft) => draft.id),
        ...examples.map((example) => example.id),
        ...(doc === undefined ? [] : [doc.flow.id]),
      ]),
    [drafts, examples, doc],
  );
  const folder = doc?.origin.kind === 'example' ? doc.origin.folder : '';
  const refusedProblems =
    refused === undefined
      ? undefined
      : importFlowFile(refused, locale, t('io.import.unreadable', { reason: refused.unreadable ?? '' }));

  return (
    <LocaleProvider locale={locale}>
      <div
        className={`rf-app rf-app-${colorMode}${dragging ? ' rf-app-dragging' : ''}`}
        onDragOver={(event) => {
          if (modal || !hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          if (modal || !hasFiles(event)) return;
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file !== undefined) void importFile(file);
        }}
      >
        <header className="rf-toolbar" inert={modal}>
          <h1>{t('app.title')}</h1>
          <div role="group" aria-label={t('app.toolbar')} className="rf-app-actions">
            <button type="button" title={t('app.new.hint')} onClick={() => setStarting(true)}>
              {t('app.new')}
            </button>
            <button type="button" title={t('app.import.hint')} onClick={() => fileInput.current?.click()}>
              {t('app.import')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              aria-label={t('app.import.input')}
              hidden
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Cleared, so that choosing the same file again (after fixing it) imports it again.
                event.target.value = '';
                if (file !== undefined) void importFile(file);
              }}
            />
            <button
              type="button"
              title={t('app.export.hint')}
              disabled={doc === undefined}
              onClick={exportCurrent}
            >
              {t('app.export')}
            </button>
          </div>
          <label>
            {t('app.example')}{' '}
            <select
              value={folder}
              onChange={(event) => {
                const example = examples.find((e) => e.folder === event.target.value);
                if (example === undefined) return;
                setNotice(undefined);
                open(
                  edited[example.folder] ?? example.flow,
                  { kind: 'example', folder: example.folder },
                  {
                    save: false,
                  },
                );
              }}
            >
              {folder === '' && <option value="">{t('app.example.other')}</option>}
              {examples.map((e) => (
                <option key={e.folder} value={e.folder}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('app.language')}{' '}
            <select
              value={locale}
              onChange={(event) => {
                const next = event.target.value === 'en' ? 'en' : 'fr';
                setLocale(next);
                updateQuery({ lang: next });
              }}
            >
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {t('app.theme')}{' '}
            <select
              value={colorMode}
              onChange={(event) => setColorMode(event.target.value === 'dark' ? 'dark' : 'light')}
            >
              <option value="light">{t('app.theme.light')}</option>
              <option value="dark">{t('app.theme.dark')}</option>
            </select>
          </label>
          <ServerStatus session={server} />
          {autosave.status.state === 'saved' && (
            <span className="rf-autosave">
              {t('io.autosave.saved', {
                time: autosave.status.at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }),
              })}
            </span>
          )}
        </header>
        <div className="rf-notices" inert={modal}>
          {autosave.status.state === 'failed' && (
            <p role="alert" className="rf-banner rf-banner-warning">
              {t(autosave.status.reason === 'quota' ? 'io.autosave.quota' : 'io.autosave.unavailable')}
            </p>
          )}
          {offer !== undefined && <RecoveryBanner saved={offer} onRecover={recover} onDiscard={discard} />}
          {server.notice !== null && (
            <Suspense fallback={null}>
              <ServerNotice session={server} />
            </Suspense>
          )}
          {notice !== undefined && (
            <div role="status" className="rf-banner">
              <p>{notice.text}</p>
              {notice.reopen !== undefined && (
                <button
                  type="button"
                  onClick={() => {
                    const previous = notice.reopen!;
                    setNotice(undefined);
                    open(previous.flow, previous.origin, { save: false });
                  }}
                >
                  {t('app.reopen', { name: notice.reopen.flow.name })}
                </button>
              )}
              <button type="button" aria-label={t('app.dismiss')} onClick={() => setNotice(undefined)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          )}
        </div>
        <main className="rf-app-main" inert={modal}>
          {doc === undefined ? (
            <p>{t('app.noExample')}</p>
          ) : (
            <ServerSessionProvider value={server}>
              <FlowDesigner
                // A new canvas for each flow opened, so fitView frames it.
                key={doc.key}
                flow={doc.flow}
                onChange={onChange}
                locale={locale}
                colorMode={colorMode}
              />
            </ServerSessionProvider>
          )}
        </main>
        {dragging && (
          <div className="rf-drop-overlay" aria-hidden="true">
            <p>{t('app.drop')}</p>
          </div>
        )}
        {starting && (
          <StartDialog
            examples={examples}
            drafts={drafts}
            currentFlow={doc?.flow}
            takenIds={takenIds}
            onClose={() => setStarting(false)}
            onCreate={(flow) => {
              const previous = doc;
              setStarting(false);
              open(flow, { kind: 'new' }, { save: true });
              setNotice({
                text: t('app.opened', { name: flow.name }),
                ...(previous === undefined ? {} : { reopen: previous }),
              });
            }}
            onOpenDraft={(draft) => {
              const previous = doc;
              setStarting(false);
              open(draft.flow, { kind: 'draft' }, { save: false });
              setNotice({
                text: t('app.opened', { name: draft.name }),
                ...(previous === undefined ? {} : { reopen: previous }),
              });
            }}
          />
        )}
        {server.dialog !== null && (
          <Suspense fallback={null}>
            <ServerDialogs session={server} />
          </Suspense>
        )}
        {serverRunner}
        {refused !== undefined && refusedProblems !== undefined && !refusedProblems.ok && (
          <ImportProblems
            fileName={refused.name}
            problems={refusedProblems.problems}
            onClose={() => setRefused(undefined)}
            onChooseAnother={() => {
              setRefused(undefined);
              fileInput.current?.click();
            }}
          />
        )}
      </div>
    </LocaleProvider>
  );
}
