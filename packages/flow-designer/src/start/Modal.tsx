import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import './start.css';

/** What can take the focus inside a dialog, in Tab order. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.hidden);
}

export interface ModalProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class of the dialog box (its width). */
  readonly className?: string;
  /** `alertdialog` for a dialog that reports a problem the user must read. */
  readonly role?: 'dialog' | 'alertdialog';
  /** What the dialog is about, in a sentence: shown first, and read out with its title. */
  readonly description?: ReactNode;
}

/**
 * A modal dialog: `role="dialog"` with `aria-modal`, labelled by its title. It takes the focus when
 * it opens (the element marked `data-autofocus`, else its first field or button), keeps Tab and
 * Shift+Tab inside, closes on Escape and gives the focus back to where it was. The host makes the
 * rest of the page inert while it is open.
 */
export function Modal({ title, onClose, children, className, role = 'dialog', description }: ModalProps) {
  const { t } = useTranslator();
  const titleId = useId();
  const descriptionId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = box.current;
    if (root !== null) {
      const body = root.querySelector<HTMLElement>('.rf-modal-body') ?? root;
      const wanted = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(body)[0] ?? root;
      wanted.focus();
    }
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || box.current === null) return;
    const items = focusables(box.current);
    const first = items[0];
    const last = items.at(-1);
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="rf-modal-backdrop">
      <div
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description === undefined ? undefined : descriptionId}
        tabIndex={-1}
        className={`rf-modal ${className ?? ''}`}
        onKeyDown={onKeyDown}
      >
        <header className="rf-modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="rf-modal-close" aria-label={t('start.close')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div className="rf-modal-body">
          {description !== undefined && <p id={descriptionId}>{description}</p>}
          {children}
        </div>
      </div>
    </div>
  );
}
