import type { ReactNode } from 'react';
import { Modal } from '../start/Modal.js';
import { useServerTranslator } from './i18n.js';
import './server.css';

/** Props of {@link FormDialog}. */
export interface FormDialogProps {
  readonly title: string;
  /** Runs on submit: the button, or Enter in a field. */
  readonly onSubmit: () => void;
  /** The submit button's text: what it does, or that it is being done. */
  readonly submitLabel: string;
  /** While a request runs, or while the fields cannot be sent. */
  readonly submitDisabled?: boolean;
  readonly onClose: () => void;
  /** The fields, and what the server answered. */
  readonly children: ReactNode;
}

/**
 * The server's dialogs that send something (connect, create, publish, roll back): a modal holding
 * one form, its fields, then the submit button beside Cancel. The fields say their own problems, in
 * the designer's words: the browser's validation bubbles are off.
 */
export function FormDialog({
  title,
  onSubmit,
  submitLabel,
  submitDisabled,
  onClose,
  children,
}: FormDialogProps) {
  const { t } = useServerTranslator();
  return (
    <Modal title={title} onClose={onClose} className="rf-server-dialog">
      <form
        className="rf-server-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <div className="rf-server-actions">
          <button type="submit" className="rf-primary" disabled={submitDisabled}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            {t('server.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
