import { useId, useState } from 'react';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { exportFlow } from '../io/export.js';
import { useRemembered } from '../simulation/remember.js';
import type { ServerClient, ServerProblem } from './api-client.js';
import type { ValidationReport } from './api-types.js';
import { CallsView } from './CallsView.js';
import { SAVE_SHORTCUT } from './ConnectedStatus.js';
import { documentStateText } from './document-state.js';
import { FlowsList } from './FlowsList.js';
import { useServerTranslator } from './i18n.js';
import { IssueList, ProblemAlert } from './ProblemMessage.js';
import { serverHost } from './problems.js';
import { useServerSessionContext } from './session-context.js';
import type { ServerSession } from './useServerSession.js';
import { useShowNode } from '../editor/useShowNode.js';
import { VersionsView } from './VersionsView.js';
import '../simulation/simulation.css';
import './server.css';

/** Props of {@link ServerPanel}. */
export interface ServerPanelProps {
  /** Lights a call's path up on the canvas, or clears it. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

const SECTIONS = ['flows', 'versions', 'calls'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * The Server side tab: the open flow on the server (save, validate with the server's flow-core,
 * publish), and three sections: the server's flows, the versions of the open flow (open, compare,
 * roll back), and its last calls with their path on the canvas. Without a connection it offers one.
 */
export function ServerPanel({ onHighlight }: ServerPanelProps) {
  const session = useServerSessionContext();
  const { t } = useServerTranslator();
  return (
    <section className="rf-server" aria-label={t('server.panel.title')}>
      <h2>{t('server.panel.title')}</h2>
      {session === null ? (
        <p>{t('server.panel.noSession')}</p>
      ) : session.client === null ? (
        <NotConnected session={session} />
      ) : (
        <Connected session={session} client={session.client} onHighlight={onHighlight} />
      )}
    </section>
  );
}

function NotConnected({ session }: { readonly session: ServerSession }) {
  const { t } = useServerTranslator();
  const { state } = session;
  return (
    <div className="rf-server-off">
      {state.kind === 'failed' ? (
        <ProblemAlert problem={state.problem} url={state.url} />
      ) : state.kind === 'checking' ? (
        <p role="status">{t('server.status.checking', { host: serverHost(state.url) })}</p>
      ) : (
        <p>{t('server.panel.intro')}</p>
      )}
      <div className="rf-server-actions">
        {state.kind === 'failed' && (
          <button type="button" onClick={session.retry}>
            {t('server.retry')}
          </button>
        )}
        <button type="button" className="rf-primary" onClick={session.showConnect}>
          {t('server.connect')}
        </button>
      </div>
    </div>
  );
}

function Connected({
  session,
  client,
  onHighlight,
}: {
  readonly session: ServerSession;
  readonly client: ServerClient;
  readonly onHighlight?: ((highlight: CanvasHighlight | null) => void) | undefined;
}) {
  const { t } = useServerTranslator();
  const id = useId();
  const [section, setSection] = useRemembered<Section>('server:section', () => 'flows');
  const link = session.document?.link;
  const busy = session.activity !== null;
  const tabId = (name: Section) => `${id}-tab-${name}`;
  const open = (flowId: string, what: Parameters<ServerSession['open']>[1]) =>
    void session.open(flowId, what);

  return (
    <>
      <CurrentFlow session={session} client={client} />
      <div role="tablist" aria-label={t('server.sections')} className="rf-server-tabs">
        {SECTIONS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={tabId(name)}
            aria-selected={section === name}
            aria-controls={`${id}-panel`}
            tabIndex={section === name ? 0 : -1}
            onClick={() => setSection(name)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              const next =
                SECTIONS[(SECTIONS.indexOf(name) + step + SECTIONS.length) % SECTIONS.length] ?? name;
              setSection(next);
              document.getElementById(tabId(next))?.focus();
            }}
          >
            {t(`server.section.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={tabId(section)} className="rf-server-tabpanel">
        {section === 'flows' && (
          <FlowsList
            client={client}
            revision={session.revision}
            openFlowId={link?.flowId}
            busy={busy}
            onOpen={open}
          />
        )}
        {section !== 'flows' && link === undefined && <p>{t('server.panel.notOnServer')}</p>}
        {section === 'versions' && link !== undefined && (
          <VersionsView
            client={client}
            flowId={link.flowId}
            revision={session.revision}
            openVersion={link.version}
            busy={busy}
            onOpen={open}
            onRollback={session.showRollback}
          />
        )}
        {section === 'calls' && link !== undefined && session.document !== null && (
          <CallsView
            client={client}
            flowId={link.flowId}
            flow={session.document.flow}
            openVersion={link.version}
            draftSha256={link.draftSha256}
            dirty={session.document.dirty}
            revision={session.revision}
            busy={busy}
            onOpen={open}
            onHighlight={onHighlight}
          />
        )}
      </div>
    </>
  );
}

/** The open flow on the server: where it stands, and save, validate and publish. */
function CurrentFlow({
  session,
  client,
}: {
  readonly session: ServerSession;
  readonly client: ServerClient;
}) {
  const translator = useServerTranslator();
  const { t } = translator;
  const editor = useEditor();
  const showNode = useShowNode();
  const [validation, setValidation] = useState<ValidationReport | ServerProblem | undefined>();
  const [validating, setValidating] = useState(false);
  const { document, activity } = session;
  const link = document?.link;
  const busy = activity !== null;

  const validate = async () => {
    setValidating(true);
    const report = await client.validate(exportFlow(editor.flow).text);
    setValidating(false);
    setValidation(report.ok ? report.value : report.problem);
  };

  if (document === null) return null;
  return (
    <div className="rf-server-current">
      <p className="rf-server-current-name">
        <strong>{document.name}</strong> <code>{document.flowId}</code>
      </p>
      <p className="rf-server-current-state" data-dirty={document.dirty}>
        {documentStateText(document, translator, 'date')}
      </p>
      <div className="rf-server-actions">
        {link === undefined ? (
          <button type="button" className="rf-primary" onClick={session.showCreate} disabled={busy}>
            {t('server.create')}
          </button>
        ) : document.readOnly ? (
          <button type="button" onClick={() => void session.editAsDraft()} disabled={busy}>
            {t('server.editAsDraft')}
          </button>
        ) : (
          <>
            <button
              type="button"
              onClick={() => void session.save()}
              disabled={busy || !document.dirty}
              aria-keyshortcuts={SAVE_SHORTCUT}
            >
              {t('server.save')}
            </button>
            <button type="button" className="rf-primary" onClick={session.showPublish} disabled={busy}>
              {t('server.publish')}
            </button>
          </>
        )}
        <button type="button" onClick={() => void validate()} disabled={validating}>
          {validating ? t('server.validate.running') : t('server.validate')}
        </button>
      </div>
      {validation !== undefined &&
        ('ok' in validation ? (
          <div className="rf-server-validation" role="status">
            {validation.errors.length + validation.warnings.length === 0 ? (
              <p>{t('server.validate.clean')}</p>
            ) : (
              <>
                <p>
                  {t('server.validate.found', {
                    errors: validation.errors.length,
                    warnings: validation.warnings.length,
                  })}
                </p>
                <IssueList
                  issues={[...validation.errors, ...validation.warnings]}
                  flow={editor.flow}
                  onSelectNode={showNode}
                />
              </>
            )}
          </div>
        ) : (
          <ProblemAlert problem={validation} url={client.url} />
        ))}
    </div>
  );
}
