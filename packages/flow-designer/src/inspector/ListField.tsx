import { useEffect, useRef, useState } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { GroupFrame, ItemActions, moveItem, plain } from './fields.js';
import { useForm } from './form-context.js';
import type { ConfigPath } from './form-context.js';
import { issuesBelow, ownIssues } from './issues.js';
import type { LocatedIssue } from './issues.js';
import type { FieldInfo, FieldSpec } from './schema-fields.js';

/** Props of {@link ListField}. */
export interface ListFieldProps {
  readonly info: FieldInfo;
  readonly path: ConfigPath;
  readonly value: unknown;
  readonly issues: readonly LocatedIssue[];
  readonly label: string;
  readonly help: string | undefined;
  /** The name of one item ("Question 2"); by default "<label> #2". */
  readonly itemLabel?: (index: number) => string;
  /** The item the add button appends; by default what the item schema starts from. */
  readonly newItem?: (items: readonly unknown[]) => unknown;
  /** The add button's text; by default "Add". */
  readonly addLabel?: string;
  /** Whether items can be moved up and down (the order matters). */
  readonly reorder?: boolean;
  readonly emptyText?: string;
  /** The names of the buttons of one item; by default "Remove <item name>" and so on. */
  readonly actionLabels?: (index: number) => { up: string; down: string; remove: string };
}

/** Where the focus goes after a change of the list: a control of a row, found by selector. */
interface PendingFocus {
  readonly row: number;
  readonly selector: string;
}

/**
 * A list of values of any type (numbers to match, poll questions…): one field per item, with buttons
 * to remove (and move) it, and a button that appends a new item and puts the focus in it.
 */
export function ListField({
  info,
  path,
  value,
  issues,
  label,
  help,
  itemLabel,
  newItem,
  addLabel,
  reorder = false,
  emptyText,
  actionLabels,
}: ListFieldProps) {
  const { t } = useTranslator();
  const { set, Field } = useForm();
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<PendingFocus | null>(null);
  const items: readonly unknown[] = Array.isArray(value) ? value : [];
  const spec = info.spec as Extract<FieldSpec, { type: 'list' }>;
  const nameOf =
    itemLabel ?? ((index: number) => t('inspector.list.item', { field: label, index: index + 1 }));

  useEffect(() => {
    if (focus === null) return;
    setFocus(null);
    const rows = listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [];
    const row = rows[Math.min(focus.row, rows.length - 1)];
    (row?.querySelector<HTMLElement>(focus.selector) ?? addRef.current)?.focus();
  }, [focus]);

  const write = (next: unknown[]) => set(path, next);
  const move = (from: number, to: number) => {
    write(moveItem(items, from, to));
    setFocus({ row: to, selector: to < from ? '[data-move="up"]' : '[data-move="down"]' });
  };
  const remove = (index: number) => {
    write(items.filter((_, i) => i !== index));
    setFocus({ row: index, selector: '.rf-remove-button' });
  };
  const add = () => {
    write([...items, newItem === undefined ? structuredClone(spec.itemDefault) : newItem(items)]);
    setFocus({ row: items.length, selector: 'input, select, textarea, button' });
  };

  const own = ownIssues(issues, (key) => typeof key === 'number' && key < items.length);
  const objects = spec.item.type === 'object';
  return (
    <GroupFrame
      label={label}
      help={help}
      issues={plain(own)}
      optional={info.optional}
      className="rf-list-field"
    >
      {items.length === 0 ? (
        <p className="rf-muted">{emptyText ?? t('inspector.list.empty')}</p>
      ) : (
        <ol className="rf-list" ref={listRef}>
          {items.map((_, index) => {
            const name = nameOf(index);
            const labels = actionLabels?.(index) ?? {
              up: t('inspector.list.moveUp', { item: name }),
              down: t('inspector.list.moveDown', { item: name }),
              remove: t('inspector.list.remove', { item: name }),
            };
            const actions = (
              <ItemActions
                index={index}
                count={items.length}
                onMove={reorder ? move : undefined}
                onRemove={remove}
                upLabel={labels.up}
                downLabel={labels.down}
                removeLabel={labels.remove}
              />
            );
            return (
              <li key={index} className={objects ? 'rf-list-item rf-list-item-object' : 'rf-list-item'}>
                {objects && actions}
                <Field
                  info={{ name: info.name, spec: spec.item, optional: false }}
                  path={[...path, index]}
                  issues={issuesBelow(issues, index)}
                  label={name}
                />
                {!objects && actions}
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" ref={addRef} className="rf-add-button" onClick={add}>
        {addLabel ?? t('inspector.list.addTo', { field: label })}
      </button>
    </GroupFrame>
  );
}
