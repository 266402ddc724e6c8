import { memberSchema } from '@ringflow/flow-core';
import type { Member } from '@ringflow/flow-core';
import { useEffect, useId, useRef, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { describeMember } from '../nodes/describe.js';
import { GroupFrame, IssueMessages, ItemActions, moveItem, plain } from './fields.js';
import { issuesBelow, ownIssues } from './issues.js';
import type { LocatedIssue } from './issues.js';
import './inspector.css';

/** Props of {@link MemberPicker}. */
export interface MemberPickerProps {
  /** The members, in ring order. */
  readonly members: readonly Member[];
  /** Receives the new list after each add, move or removal. */
  readonly onChange: (next: Member[]) => void;
  /** The name of the list ("Members"). */
  readonly label: string;
  readonly help?: string | undefined;
  /** flow-core issues of the list, their paths relative to it (`[2, 'number']` for the third member). */
  readonly issues?: readonly LocatedIssue[];
}

/** The type of a member, for its badge. */
function memberType(member: Member): 'agent' | 'group' | 'number' {
  return 'agent' in member ? 'agent' : 'group' in member ? 'group' : 'number';
}

/** Stable keys for the rows, so that a moved row keeps its DOM element (and the focus). */
function rowKeys(members: readonly Member[]): string[] {
  const seen = new Map<string, number>();
  return members.map((member) => {
    const json = JSON.stringify(member);
    const count = seen.get(json) ?? 0;
    seen.set(json, count + 1);
    return `${json}#${count}`;
  });
}

/**
 * The members of a ring group or an agent condition: agents and groups from the flow's library (by
 * name) and external numbers, in order (the order a cascade rings them), with buttons to move and
 * remove each one. Works with the keyboard alone; each change is announced to screen readers.
 */
export function MemberPicker({ members, onChange, label, help, issues = [] }: MemberPickerProps) {
  const { flow } = useEditor();
  const translator = useTranslator();
  const { t } = translator;
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const librarySelect = useRef<HTMLSelectElement>(null);
  const [choice, setChoice] = useState('');
  const [number, setNumber] = useState('');
  const [numberLabel, setNumberLabel] = useState('');
  const [numberError, setNumberError] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusRow, setFocusRow] = useState<number | null>(null);

  // After a removal, the focus goes to the next row's remove button (or the add control).
  useEffect(() => {
    if (focusRow === null) return;
    setFocusRow(null);
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('.rf-remove-button') ?? [];
    const target = buttons[Math.min(focusRow, buttons.length - 1)];
    (target ?? librarySelect.current)?.focus();
  }, [focusRow]);

  const name = (member: Member) => describeMember(member, flow, translator);
  const has = (member: Member) => members.some((m) => JSON.stringify(m) === JSON.stringify(member));

  const add = (member: Member) => {
    onChange([...members, member]);
    setAnnouncement(t('inspector.members.added', { name: name(member) }));
  };

  const addFromLibrary = () => {
    const [type, ref] = choice.split(':', 2) as [string, string];
    if (ref === undefined || ref === '') return;
    add(type === 'group' ? { group: ref } : { agent: ref });
    setChoice('');
  };

  const addNumber = () => {
    const candidate = {
      number: number.trim(),
      ...(numberLabel.trim() === '' ? {} : { label: numberLabel.trim() }),
    };
    // flow-core says what a valid member is; the picker only refuses to add what it would reject.
    const parsed = memberSchema.safeParse(candidate);
    if (!parsed.success) {
      setNumberError(true);
      return;
    }
    setNumberError(false);
    add(parsed.data);
    setNumber('');
    setNumberLabel('');
  };

  const move = (from: number, to: number) => {
    const member = members[from];
    if (member === undefined) return;
    onChange(moveItem(members, from, to));
    setAnnouncement(t('inspector.members.moved', { name: name(member), position: to + 1 }));
  };

  const remove = (index: number) => {
    const member = members[index];
    if (member === undefined) return;
    onChange(members.filter((_, i) => i !== index));
    setAnnouncement(t('inspector.members.removed', { name: name(member) }));
    setFocusRow(index);
  };

  const keys = rowKeys(members);
  const emptyLibrary = flow.agents.length === 0 && flow.groups.length === 0;
  const own = ownIssues(issues, (key) => typeof key === 'number' && key < members.length);

  return (
    <GroupFrame label={label} help={help} issues={plain(own)} className="rf-member-picker">
      {members.length === 0 ? (
        <p className="rf-muted">{t('inspector.members.none')}</p>
      ) : (
        <ol className="rf-member-list" ref={listRef}>
          {members.map((member, index) => {
            const type = memberType(member);
            const rowIssues = plain(issuesBelow(issues, index));
            return (
              <li key={keys[index]} className="rf-member">
                <span className={`rf-member-type rf-member-type-${type}`}>
                  {t(`inspector.members.type.${type}`)}
                </span>
                <span className="rf-member-name">{name(member)}</span>
                <ItemActions
                  index={index}
                  count={members.length}
                  onMove={move}
                  onRemove={remove}
                  upLabel={t('inspector.members.moveUp', { name: name(member) })}
                  downLabel={t('inspector.members.moveDown', { name: name(member) })}
                  removeLabel={t('inspector.members.remove', { name: name(member) })}
                />
                <IssueMessages id={`${id}-row-${index}`} issues={rowIssues} />
              </li>
            );
          })}
        </ol>
      )}
      {members.length > 1 && <p className="rf-field-help">{t('inspector.members.order')}</p>}

      {emptyLibrary ? (
        <p className="rf-muted">{t('inspector.members.emptyLibrary')}</p>
      ) : (
        <div className="rf-field-row rf-member-add">
          <label htmlFor={`${id}-library`} className="rf-visually-hidden">
            {t('inspector.members.fromLibrary')}
          </label>
          <select
            id={`${id}-library`}
            ref={librarySelect}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && choice !== '') addFromLibrary();
            }}
          >
            <option value="">{t('inspector.members.choose')}</option>
            {flow.agents.length > 0 && (
              <optgroup label={t('inspector.members.agents')}>
                {flow.agents.map((agent) => {
                  const already = has({ agent: agent.id });
                  return (
                    <option key={agent.id} value={`agent:${agent.id}`} disabled={already}>
                      {already ? t('inspector.members.alreadyIn', { name: agent.name }) : agent.name}
                    </option>
                  );
                })}
              </optgroup>
            )}
            {flow.groups.length > 0 && (
              <optgroup label={t('inspector.members.groups')}>
                {flow.groups.map((group) => {
                  const already = has({ group: group.id });
                  return (
                    <option key={group.id} value={`group:${group.id}`} disabled={already}>
                      {already ? t('inspector.members.alreadyIn', { name: group.name }) : group.name}
                    </option>
                  );
                })}
              </optgroup>
            )}
          </select>
          <button type="button" aria-disabled={choice === ''} onClick={addFromLibrary}>
            {t('inspector.members.add')}
          </button>
        </div>
      )}

      <div className="rf-member-number">
        <label htmlFor={`${id}-number`}>{t('inspector.members.number')}</label>
        <input
          id={`${id}-number`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+33612345678"
          value={number}
          aria-invalid={numberError ? true : undefined}
          aria-describedby={numberError ? `${id}-number-error` : undefined}
          onChange={(event) => {
            setNumber(event.target.value);
            setNumberError(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') addNumber();
          }}
        />
        <label htmlFor={`${id}-number-label`}>{t('inspector.members.numberLabel')}</label>
        <input
          id={`${id}-number-label`}
          type="text"
          maxLength={200}
          value={numberLabel}
          onChange={(event) => setNumberLabel(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') addNumber();
          }}
        />
        {numberError && (
          <p id={`${id}-number-error`} className="rf-field-issue rf-field-issue-error">
            {t('inspector.members.invalidNumber')}
          </p>
        )}
        <div>
          <button type="button" onClick={addNumber}>
            {t('inspector.members.addNumber')}
          </button>
        </div>
      </div>
      <div className="rf-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </GroupFrame>
  );
}
