import type { FlowIssue } from '@ringflow/flow-core';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import type { LocatedIssue } from './issues.js';

/*
 * The building blocks of every inspector field: a label, a help text and the flow-core issues of
 * the field, tied to the control with aria-describedby so a screen reader reads them with it.
 */

/** What a control needs from its frame. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}

/** The issues of a field, read aloud with its control. */
export function IssueMessages({
  id,
  issues,
}: {
  readonly id: string;
  readonly issues: readonly FlowIssue[];
}) {
  const { t } = useTranslator();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="rf-field-issues">
      {issues.map((issue, index) => (
        <li key={index} className={`rf-field-issue rf-field-issue-${issue.severity}`} data-code={issue.code}>
          <span className="rf-visually-hidden">
            {t('inspector.issuePrefix', { severity: t(`problems.severity.${issue.severity}`) })}
          </span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** The FlowIssues of located issues. */
export function plain(issues: readonly LocatedIssue[]): FlowIssue[] {
  return issues.map(({ issue }) => issue);
}

/** Ids and ARIA attributes for a field with help and issues. */
function useDescription(help: string | undefined, issues: readonly FlowIssue[]) {
  const id = useId();
  const helpId = `${id}-help`;
  const issuesId = `${id}-issues`;
  const describedBy = [help === undefined ? '' : helpId, issues.length === 0 ? '' : issuesId]
    .filter((part) => part !== '')
    .join(' ');
  const invalid = issues.some((issue) => issue.severity === 'error');
  return { id, helpId, issuesId, describedBy: describedBy === '' ? undefined : describedBy, invalid };
}

function Optional({ optional }: { readonly optional: boolean | undefined }) {
  const { t } = useTranslator();
  return optional === true ? <span className="rf-field-optional"> ({t('inspector.optional')})</span> : null;
}

/** Props shared by {@link FieldFrame} and {@link GroupFrame}. */
export interface FrameProps {
  readonly label: string;
  readonly help?: string | undefined;
  readonly issues?: readonly FlowIssue[];
  readonly optional?: boolean;
  /** Shown after the control, such as a "clear" button. */
  readonly actions?: ReactNode;
}

/** One labelled control (input, select) with its help and issues. */
export function FieldFrame({
  label,
  help,
  issues = [],
  optional,
  actions,
  inline = false,
  children,
}: FrameProps & { readonly inline?: boolean; readonly children: (control: ControlProps) => ReactNode }) {
  const { id, helpId, issuesId, describedBy, invalid } = useDescription(help, issues);
  const control: ControlProps = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid ? true : undefined,
  };
  const severity = invalid ? ' rf-field-invalid' : issues.length > 0 ? ' rf-field-warned' : '';
  return (
    <div className={`rf-field${inline ? ' rf-field-inline' : ''}${severity}`}>
      {inline ? (
        <div className="rf-field-row">
          {children(control)}
          <label htmlFor={id}>
            {label}
            <Optional optional={optional} />
          </label>
          {actions}
        </div>
      ) : (
        <>
          <label htmlFor={id}>
            {label}
            <Optional optional={optional} />
          </label>
          <div className="rf-field-row">
            {children(control)}
            {actions}
          </div>
        </>
      )}
      {help !== undefined && (
        <p id={helpId} className="rf-field-help">
          {help}
        </p>
      )}
      <IssueMessages id={issuesId} issues={issues} />
    </div>
  );
}

/** Several controls under one name (checkboxes, list items, nested settings): a fieldset. */
export function GroupFrame({
  label,
  help,
  issues = [],
  optional,
  actions,
  className,
  children,
}: FrameProps & { readonly className?: string; readonly children: ReactNode }) {
  const { helpId, issuesId, describedBy, invalid } = useDescription(help, issues);
  const severity = invalid ? ' rf-field-invalid' : issues.length > 0 ? ' rf-field-warned' : '';
  return (
    <fieldset
      className={`rf-field rf-group${severity}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy}
    >
      <legend>
        {label}
        <Optional optional={optional} />
      </legend>
      {help !== undefined && (
        <p id={helpId} className="rf-field-help">
          {help}
        </p>
      )}
      {children}
      {actions}
      <IssueMessages id={issuesId} issues={issues} />
    </fieldset>
  );
}

/**
 * A number input that lets the admin type freely: the document gets every value that reads as a
 * number (out of range too, so flow-core can say why), and an emptied field goes back to the
 * document's value when it loses focus (or clears an optional field).
 */
export function NumberInput({
  value,
  onChange,
  min,
  max,
  integer,
  optional = false,
  control,
}: {
  readonly value: number | undefined;
  readonly onChange: (next: number | undefined) => void;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly integer: boolean;
  readonly optional?: boolean;
  readonly control: ControlProps;
}) {
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  const [synced, setSynced] = useState(value);
  // A change from elsewhere (undo, another panel) replaces what is typed, unless it is the same number.
  if (synced !== value) {
    setSynced(value);
    if (text.trim() === '' || Number(text) !== value) setText(shown);
  }
  return (
    <input
      {...control}
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      min={min}
      max={max}
      step={integer ? 1 : 'any'}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (next.trim() === '') {
          if (optional) onChange(undefined);
          return;
        }
        const number = Number(next);
        if (Number.isFinite(number)) onChange(number);
      }}
      onBlur={() => setText(shown)}
    />
  );
}

/** Up, down and remove buttons of one item of an ordered list. */
export function ItemActions({
  index,
  count,
  onMove,
  onRemove,
  upLabel,
  downLabel,
  removeLabel,
}: {
  readonly index: number;
  readonly count: number;
  readonly onMove?: ((from: number, to: number) => void) | undefined;
  readonly onRemove: (index: number) => void;
  readonly upLabel?: string;
  readonly downLabel?: string;
  readonly removeLabel: string;
}) {
  return (
    <span className="rf-item-actions">
      {onMove !== undefined && (
        <>
          <button
            type="button"
            className="rf-icon-button"
            data-move="up"
            aria-label={upLabel}
            title={upLabel}
            // aria-disabled rather than disabled: the focus stays on the button after the last move.
            aria-disabled={index === 0}
            onClick={() => {
              if (index > 0) onMove(index, index - 1);
            }}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            className="rf-icon-button"
            data-move="down"
            aria-label={downLabel}
            title={downLabel}
            aria-disabled={index === count - 1}
            onClick={() => {
              if (index < count - 1) onMove(index, index + 1);
            }}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </>
      )}
      <button
        type="button"
        className="rf-icon-button rf-remove-button"
        aria-label={removeLabel}
        title={removeLabel}
        onClick={() => onRemove(index)}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </span>
  );
}

/** `items` with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
