import { documentStateText } from './document-state.js';
import { useServerTranslator } from './i18n.js';
import { serverHost } from './problems.js';
import type { ServerSession } from './useServerSession.js';

/** The shortcut of Save, as `aria-keyshortcuts` writes it (⌘S on a Mac works too). */
export const SAVE_SHORTCUT = 'Control+S';

/**
 * What the toolbar shows once a server is in play (ServerStatus shows the rest): the connection
 * (retry, change, disconnect), the state of the open document on the server (not there yet, saved
 * at, unsaved changes, a read-only version) and the Save button (Ctrl+S).
 */
export function ConnectedStatus({ session }: { readonly session: ServerSession }) {
  const translator = useServerTranslator();
  const { t } = translator;
  const { state, document, activity } = session;
  const link = document?.link;

  return (
    <>
      {state.kind === 'checking' && (
        <span className="rf-server-state">
          {t('server.status.checking', { host: serverHost(state.url) })}
        </span>
      )}
      {state.kind === 'failed' && (
        <>
          <span className="rf-server-state rf-server-state-failed" title={state.url}>
            <span className="rf-server-dot" aria-hidden="true" />
            {t('server.status.failed', { host: serverHost(state.url) })}
          </span>
          <button type="button" onClick={session.retry}>
            {t('server.retry')}
          </button>
          <button type="button" onClick={session.showConnect}>
            {t('server.change')}
          </button>
        </>
      )}
      {state.kind === 'on' && (
        <>
          <span className="rf-server-state rf-server-state-on" title={state.url}>
            <span className="rf-server-dot" aria-hidden="true" />
            {t('server.status.on', { host: serverHost(state.url) })}
          </span>
          {document !== null && (
            <span
              className={`rf-server-document${document.dirty ? ' rf-server-dirty' : ''}`}
              data-dirty={document.dirty}
            >
              {activity === 'saving'
                ? t('server.document.saving')
                : documentStateText(document, translator, 'time')}
            </span>
          )}
          {document !== null && link !== undefined && !document.readOnly && (
            <button
              type="button"
              className="rf-primary"
              onClick={() => void session.save()}
              disabled={activity !== null || !document.dirty}
              aria-keyshortcuts={SAVE_SHORTCUT}
              title={t('server.save.hint')}
            >
              {t('server.save')}
            </button>
          )}
          {document !== null && link === undefined && (
            <button type="button" onClick={session.showCreate} disabled={activity !== null}>
              {t('server.create')}
            </button>
          )}
          {document !== null && document.readOnly && (
            <>
              <button type="button" onClick={() => void session.editAsDraft()} disabled={activity !== null}>
                {t('server.editAsDraft')}
              </button>
              <button
                type="button"
                onClick={() => void session.open(document.flowId, 'draft')}
                disabled={activity !== null}
              >
                {t('server.backToDraft')}
              </button>
            </>
          )}
          <button type="button" onClick={session.disconnect}>
            {t('server.disconnect')}
          </button>
        </>
      )}
    </>
  );
}
