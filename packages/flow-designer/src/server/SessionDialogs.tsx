import { parseFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useId, useState } from 'react';
import { Modal } from '../start/Modal.js';
import type { ServerProblem } from './api-client.js';
import type { DraftInfo } from './api-types.js';
import { formatDateTime } from './format.js';
import { FormDialog } from './FormDialog.js';
import { useServerTranslator } from './i18n.js';
import { ProblemAlert } from './ProblemMessage.js';
import type { CreateOutcome } from './useServerSession.js';
import './server.css';

/** Props of {@link CreateDialog}. */
export interface CreateDialogProps {
  /** The open flow, copied to the server. */
  readonly flow: FlowDocument;
  readonly url: string;
  readonly onCreate: (id: string, name: string) => Promise<CreateOutcome>;
  /** Opens the server's flow of that id instead (when it exists already). */
  readonly onOpenExisting: (id: string) => void;
  readonly onClose: () => void;
}

/** Whether flow-core takes `id` as a flow id (the document's other problems do not count here). */
function idIsValid(flow: FlowDocument, id: string): boolean {
  const parsed = parseFlow({ ...flow, id });
  return parsed.ok || !parsed.issues.some((issue) => issue.path?.[0] === 'id');
}

/**
 * "Create on the server": the open flow becomes a flow of the server, with its draft, under the id
 * and name chosen here (the open flow's by default). An id already used on the server is refused,
 * with the choice to open that flow instead: nothing of another flow is ever overwritten from here.
 */
export function CreateDialog({ flow, url, onCreate, onOpenExisting, onClose }: CreateDialogProps) {
  const { t } = useServerTranslator();
  const ids = useId();
  const [id, setId] = useState(flow.id);
  const [name, setName] = useState(flow.name);
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ exists: string } | { problem: ServerProblem } | undefined>();
  const idOk = idIsValid(flow, id.trim());
  const nameOk = name.trim() !== '';

  const submit = async () => {
    setSubmitted(true);
    if (!idOk || !nameOk) return;
    setSending(true);
    const done = await onCreate(id.trim(), name.trim());
    setSending(false);
    if (!done.ok) setOutcome(done.exists ? { exists: id.trim() } : { problem: done.problem });
  };

  return (
    <FormDialog
      title={t('server.create.title')}
      onSubmit={() => void submit()}
      submitLabel={t('server.create.submit')}
      submitDisabled={sending}
      onClose={onClose}
    >
      <p>{t('server.create.intro', { name: flow.name })}</p>
      <label htmlFor={`${ids}-id`}>{t('server.create.id')}</label>
      <input
        id={`${ids}-id`}
        type="text"
        spellCheck={false}
        value={id}
        aria-invalid={submitted && !idOk}
        aria-describedby={`${ids}-id-hint`}
        onChange={(event) => {
          setId(event.target.value);
          setOutcome(undefined);
        }}
      />
      <span
        id={`${ids}-id-hint`}
        className={submitted && !idOk ? 'rf-hint rf-server-field-error' : 'rf-hint'}
      >
        {t('server.create.id.hint')}
      </span>
      <label htmlFor={`${ids}-name`}>{t('server.create.name')}</label>
      <input
        id={`${ids}-name`}
        type="text"
        value={name}
        aria-invalid={submitted && !nameOk}
        onChange={(event) => setName(event.target.value)}
      />
      {outcome !== undefined &&
        ('exists' in outcome ? (
          <div role="alert" className="rf-server-alert">
            <p>{t('server.create.exists', { id: outcome.exists })}</p>
            <button type="button" onClick={() => onOpenExisting(outcome.exists)}>
              {t('server.create.openExisting', { id: outcome.exists })}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={outcome.problem} url={url} />
        ))}
    </FormDialog>
  );
}

/** Props of {@link ConflictDialog}. */
export interface ConflictDialogProps {
  readonly flowId: string;
  /** The server's draft now; null when it has gone. */
  readonly server: DraftInfo | null;
  readonly onChoose: (choice: 'mine' | 'theirs') => void;
  readonly onClose: () => void;
}

/**
 * The server's draft changed since this designer read it (someone else saved): the admin chooses
 * to replace it with the open document, or to load it (the open document stays in this browser's
 * autosave, offered for recovery). Nothing is overwritten without that choice.
 */
export function ConflictDialog({ flowId, server, onChoose, onClose }: ConflictDialogProps) {
  const { t, locale } = useServerTranslator();
  return (
    <Modal
      title={t('server.conflict.title')}
      onClose={onClose}
      role="alertdialog"
      description={
        server === null
          ? t('server.conflict.gone', { id: flowId })
          : t('server.conflict.changed', { id: flowId, date: formatDateTime(server.savedAt, locale) })
      }
      className="rf-server-dialog"
    >
      <div className="rf-server-choices">
        <button type="button" className="rf-primary" onClick={() => onChoose('mine')} data-autofocus>
          {t('server.conflict.mine')}
        </button>
        <span className="rf-hint">{t('server.conflict.mine.hint')}</span>
        {server !== null && (
          <>
            <button type="button" onClick={() => onChoose('theirs')}>
              {t('server.conflict.theirs')}
            </button>
            <span className="rf-hint">{t('server.conflict.theirs.hint')}</span>
          </>
        )}
        <button type="button" onClick={onClose}>
          {t('server.cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** Props of {@link UnsavedDialog}. */
export interface UnsavedDialogProps {
  readonly flowName: string;
  /** Saves; true when saved (what was asked then goes on). */
  readonly onSave: () => Promise<boolean>;
  /** Goes on with what was asked (opening another flow). */
  readonly onContinue: () => void;
  readonly onClose: () => void;
}

/** Another flow is about to be opened while the open one has changes not saved on the server. */
export function UnsavedDialog({ flowName, onSave, onContinue, onClose }: UnsavedDialogProps) {
  const { t } = useServerTranslator();
  return (
    <Modal
      title={t('server.unsaved.title')}
      onClose={onClose}
      role="alertdialog"
      description={t('server.unsaved.text', { name: flowName })}
      className="rf-server-dialog"
    >
      <div className="rf-server-actions">
        <button
          type="button"
          className="rf-primary"
          data-autofocus
          onClick={() => {
            void onSave().then((saved) => {
              if (saved) onContinue();
            });
          }}
        >
          {t('server.unsaved.save')}
        </button>
        <button type="button" onClick={onContinue}>
          {t('server.unsaved.discard')}
        </button>
        <button type="button" onClick={onClose}>
          {t('server.cancel')}
        </button>
      </div>
    </Modal>
  );
}
