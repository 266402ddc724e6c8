import type { FlowDocument } from '@ringflow/flow-core';
import { Suspense, lazy, useEffect, useId, useRef, useState } from 'react';
import type { Example } from '../app/examples.js';
import { useTranslator } from '../i18n/i18n.js';
import type { SavedFlow } from '../io/autosave.js';
import { blankFlow, copyOfFlow } from './blank.js';
import { slugId, uniqueId } from './ids.js';
import { Modal } from './Modal.js';
import './start.css';

// The quick form is a few kilobytes most sessions never open: loaded when chosen.
const GreetingForm = lazy(() => import('./GreetingForm.js').then((m) => ({ default: m.GreetingForm })));

/** How a new flow was started. */
export type StartKind = 'blank' | 'example' | 'greeting';

export interface StartDialogProps {
  /** The examples offered as templates. */
  readonly examples: readonly Example[];
  /** Flows saved automatically in this browser, offered to resume. */
  readonly drafts?: readonly SavedFlow[];
  /** The flow that is open: the greeting form offers its agents. */
  readonly currentFlow?: FlowDocument;
  /** Flow ids in use: a new flow gets another one. */
  readonly takenIds?: ReadonlySet<string>;
  /** Receives the new flow. */
  readonly onCreate: (flow: FlowDocument, kind: StartKind) => void;
  /** Opens a saved draft. */
  readonly onOpenDraft?: (draft: SavedFlow) => void;
  readonly onClose: () => void;
  /** Opens straight on the greeting form (stories, links). */
  readonly initialStep?: 'choose' | 'greeting';
}

/** A date and time as the designer's language writes them. */
export function formatSavedAt(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The start dialog of the New button: a blank flow, a copy of an example, the greeting quick form,
 * or a draft saved in this browser. A modal dialog: the keyboard stays in it, Escape closes it.
 */
export function StartDialog({
  examples,
  drafts = [],
  currentFlow,
  takenIds = new Set(),
  onCreate,
  onOpenDraft,
  onClose,
  initialStep = 'choose',
}: StartDialogProps) {
  const { t, locale } = useTranslator();
  const [step, setStep] = useState(initialStep);
  const [blankName, setBlankName] = useState(() => t('start.blank.defaultName'));
  const ids = useId();
  const content = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);

  // A new step puts the focus on its first field, as opening the dialog did.
  // Focus moves into a step the user chose (not the one the dialog opened on); the greeting form
  // may arrive later than the step change (loaded on demand), so it also says when it is shown.
  const focusStep = () => content.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  const greetingChosen = useRef(false);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    greetingChosen.current = step === 'greeting';
    focusStep();
  }, [step]);

  const createBlank = () => {
    const name = blankName.trim() === '' ? t('start.blank.defaultName') : blankName.trim();
    const id = uniqueId(slugId(name, 'flux'), takenIds);
    onCreate(blankFlow({ id, name: name.slice(0, 200) }), 'blank');
  };
  const createFromExample = (example: Example) => {
    const name = t('start.example.copy', { name: example.flow.name }).slice(0, 200);
    const id = uniqueId(slugId(t('start.example.copy', { name: example.flow.id }), 'flux'), takenIds);
    onCreate(copyOfFlow(example.flow, id, name), 'example');
  };

  return (
    <Modal
      title={step === 'greeting' ? t('greeting.title') : t('start.title')}
      onClose={onClose}
      className={step === 'greeting' ? 'rf-start rf-start-wide' : 'rf-start'}
    >
      <div ref={content}>
        {step === 'greeting' ? (
          <Suspense fallback={<p role="status">{t('start.loading')}</p>}>
            <GreetingForm
              existingAgents={currentFlow?.agents}
              takenIds={takenIds}
              onCreate={(flow) => onCreate(flow, 'greeting')}
              onBack={() => setStep('choose')}
              onShown={() => {
                if (greetingChosen.current) focusStep();
              }}
            />
          </Suspense>
        ) : (
          <>
            <p>{t('start.intro')}</p>
            <div className="rf-start-options">
              <section className="rf-start-option" aria-labelledby={`${ids}-greeting`}>
                <h3 id={`${ids}-greeting`}>{t('start.greeting.title')}</h3>
                <p>{t('start.greeting.text')}</p>
                <button
                  type="button"
                  className="rf-primary"
                  onClick={() => setStep('greeting')}
                  data-autofocus
                >
                  {t('start.greeting.open')}
                </button>
              </section>
              <section className="rf-start-option" aria-labelledby={`${ids}-blank`}>
                <h3 id={`${ids}-blank`}>{t('start.blank.title')}</h3>
                <p>{t('start.blank.text')}</p>
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    createBlank();
                  }}
                >
                  <label htmlFor={`${ids}-blank-name`}>{t('start.blank.name')}</label>
                  <input
                    id={`${ids}-blank-name`}
                    value={blankName}
                    onChange={(e) => setBlankName(e.target.value)}
                  />
                  <button type="submit">{t('start.blank.create')}</button>
                </form>
              </section>
              {examples.length > 0 && (
                <section className="rf-start-option" aria-labelledby={`${ids}-example`}>
                  <h3 id={`${ids}-example`}>{t('start.example.title')}</h3>
                  <p>{t('start.example.text')}</p>
                  <ul className="rf-start-list">
                    {examples.map((example) => (
                      <li key={example.folder}>
                        <button type="button" onClick={() => createFromExample(example)}>
                          {t('start.example.open', { name: example.name })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              {drafts.length > 0 && onOpenDraft !== undefined && (
                <section className="rf-start-option" aria-labelledby={`${ids}-drafts`}>
                  <h3 id={`${ids}-drafts`}>{t('start.drafts.title')}</h3>
                  <p>{t('start.drafts.text')}</p>
                  <ul className="rf-start-list">
                    {drafts.map((draft) => (
                      <li key={draft.id}>
                        <button type="button" onClick={() => onOpenDraft(draft)}>
                          {t('start.drafts.open', {
                            name: draft.name,
                            date: formatSavedAt(draft.savedAt, locale),
                          })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}
