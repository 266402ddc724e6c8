import { WEEKDAYS } from '@ringflow/flow-core';
import type {
  Agent,
  FlowDocument,
  FlowIssue,
  Group,
  LibrarySound,
  Schedule,
  Weekday,
} from '@ringflow/flow-core';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useEditor, useIssues } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import { isUnder, issuesUnder } from './flow-rules.js';
import { AgentFields, GroupFields, otherIssues, SoundFields, useLibraryItem } from './ItemEditors.js';
import { CreateForm, ItemFrame, ItemList } from './ManagerParts.js';
import type { ListEntry } from './ManagerParts.js';
import { defaultHolidayCountry, ScheduleEditor } from './ScheduleEditor.js';
import { collectionOf } from './usages.js';
import type { LibraryItemType } from './usages.js';
import './library.css';

const SECTIONS: readonly LibraryItemType[] = ['agent', 'group', 'schedule', 'sound'];

/** Office hours a new schedule starts with, for the admin to adjust. */
const NEW_SCHEDULE_HOURS: Schedule['weekly'][Weekday] = [['09:00', '18:00']];

/** The new item of each type, from the id and name typed in the create form. */
function builders(
  flow: FlowDocument,
): Readonly<Record<LibraryItemType, (id: string, name: string) => { id: string }>> {
  return {
    agent: (id, name): Agent => ({ id, name }),
    group: (id, name): Group => ({ id, name, members: [] }),
    schedule: (id, name): Schedule => ({
      id,
      name,
      weekly: Object.fromEntries(
        WEEKDAYS.map((day) => [
          day,
          day === 'sat' || day === 'sun' ? [] : NEW_SCHEDULE_HOURS.map((r) => [...r]),
        ]),
      ) as Schedule['weekly'],
      closures: [],
      specialHours: [],
      publicHolidays: { country: defaultHolidayCountry(flow) },
    }),
    sound: (id, name): LibrarySound => ({ id, name, tts: { text: '' } }),
  };
}

/** The lines of the list of one type. */
function entriesOf(
  type: LibraryItemType,
  flow: FlowDocument,
  issues: readonly FlowIssue[],
  { t }: Translator,
): ListEntry[] {
  const collection = collectionOf(type);
  const issuesOf = (index: number) => issuesUnder(issues, [collection, index]);
  switch (type) {
    case 'agent':
      return flow.agents.map((agent, i) => ({
        id: agent.id,
        name: agent.name,
        detail: [agent.extension, agent.number].filter(Boolean).join(' · ') || undefined,
        issues: issuesOf(i),
      }));
    case 'group':
      return flow.groups.map((group, i) => ({
        id: group.id,
        name: group.name,
        detail: t('library.group.memberCount', { count: group.members.length }),
        issues: issuesOf(i),
      }));
    case 'schedule':
      return flow.schedules.map((schedule, i) => ({
        id: schedule.id,
        name: schedule.name,
        detail: schedule.timezone,
        issues: issuesOf(i),
      }));
    case 'sound':
      return flow.sounds.map((sound, i) => ({
        id: sound.id,
        name: sound.name ?? sound.id,
        detail: sound.file ?? t('library.sound.source.tts'),
        issues: issuesOf(i),
      }));
  }
}

/** The fields of the item `id` of `type`, in its frame (heading, usages, delete). */
function ItemEditor({
  type,
  id,
  focusHeading,
  onDeleted,
}: {
  readonly type: LibraryItemType;
  readonly id: string;
  readonly focusHeading: boolean;
  readonly onDeleted: () => void;
}) {
  const agent = useLibraryItem('agents', id);
  const group = useLibraryItem('groups', id);
  const schedule = useLibraryItem('schedules', id);
  const sound = useLibraryItem('sounds', id);
  let fields: ReactNode;
  let name: string;
  let issues: readonly FlowIssue[] = [];
  if (type === 'agent' && agent !== undefined) {
    fields = <AgentFields agent={agent} />;
    name = agent.item.name;
    issues = otherIssues(agent.issues, ['name', 'extension', 'number', 'planning']);
  } else if (type === 'group' && group !== undefined) {
    fields = <GroupFields group={group} />;
    name = group.item.name;
    issues = otherIssues(group.issues, ['name', 'extension', 'members']);
  } else if (type === 'schedule' && schedule !== undefined) {
    // The schedule editor shows every issue of the schedule itself.
    fields = <ScheduleEditor scheduleId={id} />;
    name = schedule.item.name;
  } else if (type === 'sound' && sound !== undefined) {
    fields = <SoundFields sound={sound} />;
    name = sound.item.name ?? id;
    issues = otherIssues(sound.issues, ['name', 'tts', 'music', 'file']);
  } else {
    return null;
  }
  return (
    <ItemFrame
      type={type}
      id={id}
      name={name}
      issues={issues}
      focusHeading={focusHeading}
      onDeleted={onDeleted}
    >
      {fields}
    </ItemFrame>
  );
}

/** One manager: add, list, edit and delete the items of one type. */
function Manager({
  type,
  selected,
  onSelect,
}: {
  readonly type: LibraryItemType;
  readonly selected: string | undefined;
  readonly onSelect: (id: string | undefined) => void;
}) {
  const { flow } = useEditor();
  const issues = useIssues();
  const translator = useTranslator();
  const { t } = translator;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>(undefined);
  const addButton = useRef<HTMLButtonElement>(null);
  const entries = useMemo(() => entriesOf(type, flow, issues, translator), [type, flow, issues, translator]);
  const build = useMemo(() => builders(flow)[type], [flow, type]);
  const exists = selected !== undefined && entries.some((entry) => entry.id === selected);

  return (
    <div className="rf-lib-manager">
      <div className="rf-lib-actions">
        <button ref={addButton} type="button" aria-expanded={creating} onClick={() => setCreating(true)}>
          {t(`library.${type}.add`)}
        </button>
      </div>
      {creating && (
        <CreateForm
          type={type}
          build={build}
          onCancel={() => {
            setCreating(false);
            addButton.current?.focus();
          }}
          onCreated={(id) => {
            setCreating(false);
            setCreated(id);
            onSelect(id);
          }}
        />
      )}
      <ItemList
        type={type}
        entries={entries}
        selected={selected}
        onSelect={(id) => {
          setCreated(undefined);
          onSelect(id);
        }}
      />
      {exists && (
        <ItemEditor
          key={selected}
          type={type}
          id={selected}
          focusHeading={created === selected}
          onDeleted={() => {
            onSelect(undefined);
            addButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * The flow's library: the agents, groups, schedules and sounds that nodes refer to, each in its own
 * tab with a list, a create form, an editor and a delete that shows where the item is used first.
 */
export function LibraryPanel() {
  const { flow } = useEditor();
  const issues = useIssues();
  const { t } = useTranslator();
  const id = useId();
  const [section, setSection] = useState<LibraryItemType>('agent');
  const [selected, setSelected] = useState<Partial<Record<LibraryItemType, string>>>({});
  const select = useCallback(
    (type: LibraryItemType) => (itemId: string | undefined) =>
      setSelected((previous) => ({ ...previous, [type]: itemId })),
    [],
  );
  const tabId = (type: LibraryItemType) => `${id}-tab-${type}`;

  return (
    <section className="rf-library" aria-label={t('library.title')}>
      <div role="tablist" aria-label={t('library.sections')} className="rf-lib-tabs">
        {SECTIONS.map((type) => {
          const collection = collectionOf(type);
          const errors = issues.filter(
            (issue) => issue.severity === 'error' && isUnder(issue.path, [collection]),
          ).length;
          return (
            <button
              key={type}
              type="button"
              role="tab"
              id={tabId(type)}
              aria-selected={section === type}
              aria-controls={`${id}-panel`}
              tabIndex={section === type ? 0 : -1}
              onClick={() => setSection(type)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                const next =
                  SECTIONS[(SECTIONS.indexOf(type) + step + SECTIONS.length) % SECTIONS.length] ?? type;
                setSection(next);
                document.getElementById(tabId(next))?.focus();
              }}
            >
              {t(`library.${type}.tab`)} <span className="rf-lib-count">{flow[collection].length}</span>
              {errors > 0 && (
                <span className="rf-lib-badge rf-lib-badge-error">
                  {t('badge.errors', { count: errors })}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={tabId(section)} className="rf-lib-tabpanel">
        <Manager key={section} type={section} selected={selected[section]} onSelect={select(section)} />
      </div>
    </section>
  );
}
