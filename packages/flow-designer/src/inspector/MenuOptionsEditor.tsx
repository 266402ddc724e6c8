import { KEYPAD_ORDER } from '@ringflow/flow-core';
import { useEffect, useId, useRef, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { disconnect, findNode } from '../editor/operations.js';
import { useTranslator } from '../i18n/i18n.js';
import { FieldFrame, GroupFrame, ItemActions, plain } from './fields.js';
import { useForm } from './form-context.js';
import type { CustomEditorProps } from './form-context.js';
import { issuesBelow, ownIssues } from './issues.js';
import { writeAt } from './schema-fields.js';

type Options = Readonly<Record<string, { readonly label?: string }>>;

/** The options rebuilt in keypad order, as flow-core writes them (documents stay stable). */
function inKeypadOrder(options: Record<string, { label: string }>): Record<string, { label: string }> {
  const sorted: Record<string, { label: string }> = {};
  for (const digit of KEYPAD_ORDER) if (Object.hasOwn(options, digit)) sorted[digit] = options[digit]!;
  return sorted;
}

/**
 * The keys of a key menu, one row per key in keypad order (1-9, 0, *, #): its label, and a button to
 * remove it. Keys not yet offered can be added. The menu's outputs follow from its keys (flow-core's
 * portsOf), so removing a key also removes the connection of its output, in the same undo step.
 */
export function MenuOptionsEditor({ path, value, issues, label, help }: CustomEditorProps) {
  const { t } = useTranslator();
  const editor = useEditor();
  const { nodeId, set } = useForm();
  const id = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const addRef = useRef<HTMLSelectElement>(null);
  const options: Options = value !== null && typeof value === 'object' ? (value as Options) : {};
  const digits = KEYPAD_ORDER.filter((digit) => Object.hasOwn(options, digit));
  const unused = KEYPAD_ORDER.filter((digit) => !Object.hasOwn(options, digit));
  const [choice, setChoice] = useState<string>(unused[0] ?? '');
  const [focusDigit, setFocusDigit] = useState<string | null>(null);
  const [focusAfterRemoval, setFocusAfterRemoval] = useState<number | null>(null);
  const chosen = unused.includes(choice as (typeof unused)[number]) ? choice : (unused[0] ?? '');

  useEffect(() => {
    if (focusDigit !== null) {
      setFocusDigit(null);
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('input[data-digit]') ?? [];
      [...inputs].find((input) => input.dataset.digit === focusDigit)?.focus();
    }
    if (focusAfterRemoval !== null) {
      setFocusAfterRemoval(null);
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('.rf-remove-button') ?? [];
      (buttons[Math.min(focusAfterRemoval, buttons.length - 1)] ?? addRef.current)?.focus();
    }
  }, [focusDigit, focusAfterRemoval]);

  const add = () => {
    if (chosen === '') return;
    editor.edit((draft) => {
      const node = findNode(draft, nodeId);
      if (node === undefined) return;
      const current = { ...((node.config as { options?: Options }).options ?? {}) } as Record<
        string,
        { label: string }
      >;
      current[chosen] = { label: '' };
      writeAt(node.config, path, inKeypadOrder(current));
    });
    setFocusDigit(chosen);
  };

  const remove = (index: number) => {
    const digit = digits[index];
    if (digit === undefined) return;
    // The key's output disappears with it: its connection goes too, in the same step.
    editor.edit((draft) => {
      const node = findNode(draft, nodeId);
      if (node === undefined) return;
      const current = { ...((node.config as { options?: Options }).options ?? {}) } as Record<
        string,
        { label: string }
      >;
      delete current[digit];
      writeAt(node.config, path, inKeypadOrder(current));
      disconnect(draft, nodeId, digit);
    });
    setFocusAfterRemoval(index);
  };

  const own = ownIssues(
    issues,
    (key) => typeof key === 'string' && digits.includes(key as (typeof digits)[number]),
  );
  return (
    <GroupFrame label={label} help={help} issues={plain(own)} className="rf-menu-options">
      {digits.length === 0 ? (
        <p className="rf-muted">{t('inspector.menu.none')}</p>
      ) : (
        <ul className="rf-menu-option-list" ref={listRef}>
          {digits.map((digit, index) => {
            const optionIssues = issuesBelow(issues, digit);
            return (
              <li key={digit} className="rf-menu-option">
                <span className="rf-menu-digit" aria-hidden="true">
                  {digit}
                </span>
                <FieldFrame
                  label={t('inspector.menu.label', { digit })}
                  issues={plain(optionIssues)}
                  actions={
                    <ItemActions
                      index={index}
                      count={digits.length}
                      onRemove={remove}
                      removeLabel={t('inspector.menu.remove', { digit })}
                    />
                  }
                >
                  {(control) => (
                    <input
                      {...control}
                      type="text"
                      data-digit={digit}
                      maxLength={200}
                      value={options[digit]?.label ?? ''}
                      onChange={(event) => set([...path, digit, 'label'], event.target.value, true)}
                    />
                  )}
                </FieldFrame>
              </li>
            );
          })}
        </ul>
      )}
      {unused.length === 0 ? (
        <p className="rf-muted">{t('inspector.menu.full')}</p>
      ) : (
        <div className="rf-field-row rf-menu-add">
          <label htmlFor={`${id}-digit`}>{t('inspector.menu.newDigit')}</label>
          <select
            id={`${id}-digit`}
            ref={addRef}
            value={chosen}
            onChange={(event) => setChoice(event.target.value)}
          >
            {unused.map((digit) => (
              <option key={digit} value={digit}>
                {digit}
              </option>
            ))}
          </select>
          <button type="button" onClick={add}>
            {t('inspector.menu.add')}
          </button>
        </div>
      )}
      <p className="rf-field-help">{t('inspector.menu.portsHint')}</p>
    </GroupFrame>
  );
}
