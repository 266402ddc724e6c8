import type { NodeReference } from '@ringflow/flow-core';
import { useId, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { ScheduleEditor } from '../library/ScheduleEditor.js';
import { FieldFrame } from './fields.js';
import type { FrameProps } from './fields.js';

/** Props of {@link LibraryField}. */
export interface LibraryFieldProps extends FrameProps {
  /** What the field refers to in the flow's library. */
  readonly type: NodeReference['type'];
  readonly value: string | undefined;
  readonly onChange: (next: string | undefined) => void;
}

/**
 * A field that names an item of the flow's library (a schedule, an agent, a group, a sound): a
 * select of the library's items by name. A schedule can be edited in place, in a disclosure.
 */
export function LibraryField({ type, value, onChange, label, help, issues, optional }: LibraryFieldProps) {
  const { flow } = useEditor();
  const { t } = useTranslator();
  const disclosureId = useId();
  const [open, setOpen] = useState(false);
  const items = (
    {
      schedule: flow.schedules,
      agent: flow.agents,
      group: flow.groups,
      sound: flow.sounds,
    } as const
  )[type].map((item) => ({ id: item.id, name: item.name ?? item.id }));
  const known = value !== undefined && items.some((item) => item.id === value);
  const editable = type === 'schedule' && known;
  return (
    <>
      <FieldFrame
        label={label}
        help={help}
        issues={issues}
        optional={optional}
        actions={
          editable && (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={disclosureId}
              onClick={() => setOpen((was) => !was)}
            >
              {t('inspector.schedule.edit')}
            </button>
          )
        }
      >
        {(control) => (
          <select
            {...control}
            value={value ?? ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          >
            {(!known || optional === true) && (
              <option value="">
                {optional === true && known ? t('inspector.unset') : t('inspector.library.choose')}
              </option>
            )}
            {!known && value !== undefined && value !== '' && (
              <option value={value}>{t('inspector.library.unknown', { id: value })}</option>
            )}
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {type === 'schedule' && items.length === 0 && (
        <p className="rf-muted">{t('inspector.schedule.none')}</p>
      )}
      {editable && (
        <div id={disclosureId} className="rf-disclosure" hidden={!open}>
          {open && <ScheduleEditor scheduleId={value} />}
        </div>
      )}
    </>
  );
}
