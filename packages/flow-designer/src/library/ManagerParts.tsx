import type { FlowIssue } from '@ringflow/flow-core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { candidateIssues, isUnder } from './flow-rules.js';
import { proposeId } from './ids.js';
import { describedBy, IssueMessages } from './IssueMessages.js';
import { collectionOf, findUsages, removeLibraryItem } from './usages.js';
import type { LibraryItemType, Usage } from './usages.js';

/** One line of a manager's list. */
export interface ListEntry {
  readonly id: string;
  readonly name: string;
  /** A short second line: an extension, a member count, a source. */
  readonly detail?: string;
  /** flow-core's issues about the item. */
  readonly issues: readonly FlowIssue[];
}

/** Shown when a list is long enough to need a filter. */
const FILTER_FROM = 8;

/** Props of {@link ItemList}. */
export interface ItemListProps {
  readonly type: LibraryItemType;
  readonly entries: readonly ListEntry[];
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The items of one kind, to choose the one to edit; with a filter when there are many. */
export function ItemList({ type, entries, selected, onSelect }: ItemListProps) {
  const { t } = useTranslator();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const wanted = folded(filter.trim());
    if (wanted === '') return entries;
    return entries.filter((entry) =>
      folded(`${entry.name} ${entry.id} ${entry.detail ?? ''}`).includes(wanted),
    );
  }, [entries, filter]);

  return (
    <div className="rf-lib-list-block">
      {entries.length >= FILTER_FROM && (
        <label className="rf-lib-field">
          {t(`library.${type}.filter`)}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
      )}
      {entries.length === 0 ? (
        <p className="rf-lib-empty">{t(`library.${type}.none`)}</p>
      ) : shown.length === 0 ? (
        <p className="rf-lib-empty">{t('library.filter.none')}</p>
      ) : (
        <ul className="rf-lib-list" aria-label={t(`library.${type}.list`)}>
          {shown.map((entry) => {
            const errors = entry.issues.filter((issue) => issue.severity === 'error').length;
            const warnings = entry.issues.length - errors;
            return (
              <li key={entry.id}>
                <button
                  type="button"
                  className="rf-lib-list-item"
                  aria-current={entry.id === selected ? 'true' : undefined}
                  data-id={entry.id}
                  onClick={() => onSelect(entry.id)}
                >
                  <span className="rf-lib-list-name">{entry.name}</span>
                  {entry.detail !== undefined && <span className="rf-lib-list-detail">{entry.detail}</span>}
                  {errors > 0 && (
                    <span className="rf-lib-badge rf-lib-badge-error">
                      {t('badge.errors', { count: errors })}
                    </span>
                  )}
                  {warnings > 0 && (
                    <span className="rf-lib-badge rf-lib-badge-warning">
                      {t('badge.warnings', { count: warnings })}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Props of {@link CreateForm}. */
export interface CreateFormProps {
  readonly type: LibraryItemType;
  /** The new item, from the id and name typed. */
  readonly build: (id: string, name: string) => { id: string };
  readonly onCreated: (id: string) => void;
  readonly onCancel: () => void;
}

/**
 * Creates an item: its name, and its id proposed from the name (a slug not taken yet) and editable
 * until the item exists (ids are what the flow refers to, so they are not renamed afterwards).
 * flow-core checks the id and the name before the item is added.
 */
export function CreateForm({ type, build, onCreated, onCancel }: CreateFormProps) {
  const editor = useEditor();
  const { flow } = editor;
  const { t, locale } = useTranslator();
  const id = useId();
  const collection = collectionOf(type);
  const [name, setName] = useState('');
  const [typedId, setTypedId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const idInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);

  const taken = useMemo(() => new Set(flow[collection].map((item) => item.id)), [flow, collection]);
  const itemId = typedId ?? proposeId(name, type, taken);
  const issues = useMemo(() => {
    const found = candidateIssues(flow, collection, build(itemId, name), locale).filter(
      (issue) => isUnder(issue.path, ['id']) || isUnder(issue.path, ['name']),
    );
    return found;
  }, [flow, collection, build, itemId, name, locale]);
  const nameMissing = name.trim() === '';
  const idIssues = issues.filter((issue) => isUnder(issue.path, ['id']));
  // flow-core reports a taken id only when the rest of the flow reads; the designer knows it anyway.
  const idTaken = taken.has(itemId) && !idIssues.some((issue) => issue.code === 'duplicate_id');
  const nameIssues = issues.filter((issue) => isUnder(issue.path, ['name']));
  const blocked = nameMissing || idTaken || issues.some((issue) => issue.severity === 'error');
  const showProblems = tried || name !== '' || typedId !== null;

  return (
    <form
      className="rf-lib-create"
      aria-label={t(`library.${type}.new`)}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (blocked) {
          (nameMissing || nameIssues.length > 0 ? nameInput : idInput).current?.focus();
          return;
        }
        editor.edit((draft) => void (draft[collection] as { id: string }[]).push(build(itemId, name)));
        onCreated(itemId);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label className="rf-lib-field">
        {t('library.name')}
        <input
          ref={nameInput}
          type="text"
          value={name}
          {...(showProblems ? describedBy(nameIssues, `${id}-name`) : {})}
          aria-invalid={(tried && nameMissing) || undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {tried && nameMissing && (
        <p className="rf-lib-issue rf-lib-issue-error">{t('library.create.nameMissing')}</p>
      )}
      {showProblems && !nameMissing && <IssueMessages issues={nameIssues} id={`${id}-name`} />}
      <label className="rf-lib-field">
        {t('library.id')}
        <input
          ref={idInput}
          type="text"
          value={itemId}
          spellCheck={false}
          aria-describedby={`${id}-id-hint${idIssues.length > 0 || idTaken ? ` ${id}-id` : ''}`}
          aria-invalid={idIssues.length > 0 || idTaken || undefined}
          onChange={(event) => setTypedId(event.target.value)}
        />
      </label>
      <p className="rf-lib-hint" id={`${id}-id-hint`}>
        {t('library.id.help')}
      </p>
      <div id={`${id}-id`}>
        {idTaken && (
          <p className="rf-lib-issue rf-lib-issue-error">{t('library.create.idTaken', { id: itemId })}</p>
        )}
        {showProblems && <IssueMessages issues={idIssues} />}
      </div>
      <div className="rf-lib-actions">
        <button type="submit">{t('library.create')}</button>
        <button type="button" onClick={onCancel}>
          {t('library.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A usage as an admin reads it. */
function UsageText({ usage }: { readonly usage: Usage }) {
  const { t, text } = useTranslator();
  switch (usage.where) {
    case 'node': {
      const kind = usage.kindTitle === undefined ? '' : text(usage.kindTitle);
      return <>{t('library.usage.node', { label: usage.label || kind || usage.nodeId, kind })}</>;
    }
    case 'group':
      return <>{t('library.usage.group', { name: usage.name })}</>;
    case 'agent':
      return <>{t('library.usage.agent', { name: usage.name })}</>;
    case 'sound':
      return <>{t('library.usage.sound', { name: usage.name })}</>;
    case 'recording':
      return <>{t('library.usage.recording')}</>;
  }
}

/** Where an item is used; the steps of the canvas can be selected from here. */
export function UsageList({ usages }: { readonly usages: readonly Usage[] }) {
  const editor = useEditor();
  const { t } = useTranslator();
  return (
    <ul className="rf-lib-usages">
      {usages.map((usage, i) => (
        <li key={i}>
          {usage.where === 'node' ? (
            <button
              type="button"
              className="rf-lib-link"
              title={t('library.usage.select')}
              onClick={() => editor.select({ nodes: [usage.nodeId], edges: [] })}
            >
              <UsageText usage={usage} />
            </button>
          ) : (
            <UsageText usage={usage} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Props of {@link ItemFrame}. */
export interface ItemFrameProps {
  readonly type: LibraryItemType;
  readonly id: string;
  readonly name: string;
  /** flow-core's issues about the item that no field shows. */
  readonly issues: readonly FlowIssue[];
  /** Called after the item was deleted. */
  readonly onDeleted: () => void;
  /** Set when the item was just created: the heading takes the focus. */
  readonly focusHeading?: boolean;
  readonly children: ReactNode;
}

/** What deleting an item does to the library items that use it (see removeLibraryItem). */
const LIBRARY_EFFECTS: Readonly<Partial<Record<LibraryItemType, MessageKey>>> = {
  agent: 'library.delete.effect.agent',
  schedule: 'library.delete.effect.schedule',
  sound: 'library.delete.effect.sound',
};

/** The consequences of deleting an item used as `usages` say, in one or two sentences. */
function deleteEffects(type: LibraryItemType, usages: readonly Usage[], t: Translator['t']): string {
  const inLibrary = usages.some((usage) => usage.where !== 'node' && usage.where !== 'recording');
  const inSteps = usages.some((usage) => usage.where === 'node' || usage.where === 'recording');
  const library = LIBRARY_EFFECTS[type];
  return [
    inLibrary && library !== undefined ? t(library) : '',
    inSteps ? t(`library.delete.steps.${type}`) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The editor of one item: its name as heading, its id (fixed), the fields, where it is used, and a
 * delete button. An item in use is only deleted after the admin has seen where and confirmed.
 */
export function ItemFrame({
  type,
  id,
  name,
  issues,
  onDeleted,
  focusHeading = false,
  children,
}: ItemFrameProps) {
  const editor = useEditor();
  const { t } = useTranslator();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, id]);
  const usages = useMemo(() => findUsages(editor.flow, type, id), [editor.flow, type, id]);
  const [confirming, setConfirming] = useState(false);

  return (
    <section className="rf-lib-item" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {name || id}
      </h2>
      <p className="rf-lib-id">
        {t('library.id.shown')} <code>{id}</code>
      </p>
      <IssueMessages issues={issues} />
      {children}
      {/* While a delete is being confirmed, the confirmation lists the usages. */}
      {!confirming && (
        <section className="rf-lib-subsection" aria-labelledby={`${headingId}-used`}>
          <h3 id={`${headingId}-used`}>{t('library.usage.title')}</h3>
          {usages.length === 0 ? (
            <p className="rf-lib-empty">{t('library.usage.none')}</p>
          ) : (
            <UsageList usages={usages} />
          )}
        </section>
      )}
      <DeleteControl
        type={type}
        id={id}
        name={name || id}
        usages={usages}
        confirming={confirming}
        onConfirming={setConfirming}
        onDeleted={onDeleted}
      />
    </section>
  );
}

function DeleteControl({
  type,
  id,
  name,
  usages,
  confirming,
  onConfirming: setConfirming,
  onDeleted,
}: {
  readonly type: LibraryItemType;
  readonly id: string;
  readonly name: string;
  readonly usages: readonly Usage[];
  /** Whether the confirmation of a delete is shown (the item is in use). */
  readonly confirming: boolean;
  readonly onConfirming: (confirming: boolean) => void;
  readonly onDeleted: () => void;
}) {
  const editor = useEditor();
  const { t } = useTranslator();
  const messageId = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  // After a cancelled confirmation, the focus goes back to the delete button.
  const restoreFocus = useRef(false);
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (restoreFocus.current) {
      restoreFocus.current = false;
      deleteButton.current?.focus();
    }
  }, [confirming]);

  const remove = () => {
    editor.edit((draft) => removeLibraryItem(draft, type, id));
    onDeleted();
  };
  const cancel = () => {
    restoreFocus.current = true;
    setConfirming(false);
  };

  if (!confirming) {
    return (
      <div className="rf-lib-actions">
        <button
          ref={deleteButton}
          type="button"
          className="rf-lib-danger"
          onClick={() => (usages.length === 0 ? remove() : setConfirming(true))}
        >
          {t(`library.${type}.delete`)}
        </button>
      </div>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={messageId}
      className="rf-lib-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <p id={messageId}>
        <strong>{t('library.delete.used', { name, count: usages.length })}</strong>
      </p>
      <UsageList usages={usages} />
      <p>{deleteEffects(type, usages, t)}</p>
      <div className="rf-lib-actions">
        <button type="button" className="rf-lib-danger" onClick={remove}>
          {t('library.delete.confirm')}
        </button>
        <button ref={cancelButton} type="button" onClick={cancel}>
          {t('library.cancel')}
        </button>
      </div>
    </div>
  );
}
