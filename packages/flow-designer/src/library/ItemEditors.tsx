import type { Agent, FlowDocument, FlowIssue, Group, LibrarySound } from '@ringflow/flow-core';
import { useId, useMemo, useRef } from 'react';
import { useEditor, useIssues } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { isUnder, issuesUnder, issuesWithin } from './flow-rules.js';
import type { LibraryCollection } from './flow-rules.js';
import { describedBy, IssueMessages } from './IssueMessages.js';
import { FileFields, SourceRadios, TtsFields } from './SoundEditor.js';
import type { InlineSound, SoundSource } from './SoundEditor.js';

type ItemOf<C extends LibraryCollection> = FlowDocument[C][number];

/** One item of a library collection, its issues (paths relative to it) and a way to change it. */
export interface LibraryItem<C extends LibraryCollection> {
  readonly item: ItemOf<C>;
  readonly issues: readonly FlowIssue[];
  /** Changes the item: one undo step, typing in `field` merged into one. */
  readonly change: (recipe: (item: ItemOf<C>) => void, field?: string) => void;
}

/** The item `id` of `collection`, or undefined when it is not (or no longer) in the flow. */
export function useLibraryItem<C extends LibraryCollection>(
  collection: C,
  id: string,
): LibraryItem<C> | undefined {
  const editor = useEditor();
  const allIssues = useIssues();
  const items = editor.flow[collection] as readonly ItemOf<C>[];
  const index = items.findIndex((item) => item.id === id);
  const issues = useMemo(
    () => (index < 0 ? [] : issuesWithin(allIssues, [collection, index])),
    [allIssues, collection, index],
  );
  const item = items[index];
  if (item === undefined) return undefined;
  return {
    item,
    issues,
    change: (recipe, field) =>
      editor.edit(
        (draft) => {
          const target = (draft[collection] as ItemOf<C>[]).find((candidate) => candidate.id === id);
          if (target !== undefined) recipe(target);
        },
        field === undefined ? {} : { mergeKey: `${collection}:${id}:${field}` },
      ),
  };
}

/** The issues of `issues` that none of `fields` shows. */
export function otherIssues(issues: readonly FlowIssue[], fields: readonly string[]): FlowIssue[] {
  return issues.filter((issue) => !fields.some((field) => isUnder(issue.path, [field])));
}

/** A text field of an item, with flow-core's issues about it beside it. */
function TextField({
  label,
  value,
  issues,
  onChange,
  type = 'text',
  inputMode,
  placeholder,
}: {
  readonly label: string;
  readonly value: string;
  readonly issues: readonly FlowIssue[];
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'tel';
  readonly inputMode?: 'numeric' | 'tel';
  readonly placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="rf-lib-field-block">
      <label className="rf-lib-field">
        {label}
        <input
          type={type}
          inputMode={inputMode}
          value={value}
          placeholder={placeholder}
          {...describedBy(issues, id)}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      <IssueMessages issues={issues} id={id} />
    </div>
  );
}

/** Sets an optional string field, or removes it when left empty. */
function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: string): void {
  if (value === '') delete target[key];
  else target[key] = value as T[K];
}

/** Name, extension, direct number and planning of an agent. */
export function AgentFields({ agent }: { readonly agent: LibraryItem<'agents'> }) {
  const { flow } = useEditor();
  const { t } = useTranslator();
  const id = useId();
  const { item, issues, change } = agent;
  const at = (field: string) => issuesUnder(issues, [field]);
  const planningKnown = item.planning === undefined || flow.schedules.some((s) => s.id === item.planning);
  return (
    <div className="rf-lib-fields">
      <TextField
        label={t('library.name')}
        value={item.name}
        issues={at('name')}
        onChange={(value) => change((a) => void (a.name = value), 'name')}
      />
      <div className="rf-lib-row">
        <TextField
          label={t('library.agent.extension')}
          value={item.extension ?? ''}
          inputMode="numeric"
          placeholder={t('library.optional')}
          issues={at('extension')}
          onChange={(value) =>
            change((a) => setOptional<Agent, 'extension'>(a, 'extension', value), 'extension')
          }
        />
        <TextField
          label={t('library.agent.number')}
          value={item.number ?? ''}
          type="tel"
          inputMode="tel"
          placeholder="+33612345678"
          issues={at('number')}
          onChange={(value) =>
            change((a) => setOptional<Agent, 'number'>(a, 'number', value.trim()), 'number')
          }
        />
      </div>
      <div className="rf-lib-field-block">
        <label className="rf-lib-field">
          {t('library.agent.planning')}
          <select
            value={item.planning ?? ''}
            aria-describedby={`${id}-planning-hint`}
            aria-invalid={at('planning').length > 0 || undefined}
            onChange={(event) =>
              change((a) => setOptional<Agent, 'planning'>(a, 'planning', event.target.value))
            }
          >
            <option value="">{t('library.agent.planning.none')}</option>
            {!planningKnown && (
              <option value={item.planning}>
                {t('library.agent.planning.unknown', { id: item.planning ?? '' })}
              </option>
            )}
            {flow.schedules.map((schedule) => (
              <option key={schedule.id} value={schedule.id}>
                {schedule.name}
              </option>
            ))}
          </select>
        </label>
        <p className="rf-lib-hint" id={`${id}-planning-hint`}>
          {t('library.agent.planning.help')}
        </p>
        <IssueMessages issues={at('planning')} />
      </div>
    </div>
  );
}

/** Name, extension and members of a group. */
export function GroupFields({ group }: { readonly group: LibraryItem<'groups'> }) {
  const { flow } = useEditor();
  const { t } = useTranslator();
  const { item, issues, change } = group;
  const at = (field: string) => issuesUnder(issues, [field]);
  const unknown = item.members.filter((member) => !flow.agents.some((agent) => agent.id === member));
  const toggle = (agentId: string, on: boolean) =>
    change((g: Group) => {
      if (on && !g.members.includes(agentId)) g.members.push(agentId);
      if (!on) g.members = g.members.filter((member) => member !== agentId);
    });
  return (
    <div className="rf-lib-fields">
      <TextField
        label={t('library.name')}
        value={item.name}
        issues={at('name')}
        onChange={(value) => change((g) => void (g.name = value), 'name')}
      />
      <TextField
        label={t('library.group.extension')}
        value={item.extension ?? ''}
        inputMode="numeric"
        placeholder={t('library.optional')}
        issues={at('extension')}
        onChange={(value) =>
          change((g) => setOptional<Group, 'extension'>(g, 'extension', value), 'extension')
        }
      />
      <fieldset className="rf-lib-members">
        <legend>{t('library.group.members', { count: item.members.length })}</legend>
        {flow.agents.length === 0 && <p className="rf-lib-empty">{t('library.group.noAgents')}</p>}
        {flow.agents.map((agent) => (
          <label key={agent.id} className="rf-lib-inline">
            <input
              type="checkbox"
              checked={item.members.includes(agent.id)}
              onChange={(event) => toggle(agent.id, event.target.checked)}
            />
            {agent.name}
            {agent.extension !== undefined && (
              <span className="rf-lib-list-detail"> ({agent.extension})</span>
            )}
          </label>
        ))}
        {unknown.map((member) => (
          <label key={member} className="rf-lib-inline rf-lib-unknown">
            <input type="checkbox" checked onChange={() => toggle(member, false)} />
            {t('library.group.unknownMember', { id: member })}
          </label>
        ))}
        <IssueMessages issues={at('members')} />
      </fieldset>
    </div>
  );
}

/** Name and source of a sound of the library: a text said by speech synthesis, or a file. */
export function SoundFields({ sound }: { readonly sound: LibraryItem<'sounds'> }) {
  const { t } = useTranslator();
  const { item, issues, change } = sound;
  const at = (field: string) => issuesUnder(issues, [field]);
  const source: SoundSource = item.file !== undefined && item.tts === undefined ? 'file' : 'tts';
  // What the other source held, so that trying the other one and coming back loses nothing.
  const memory = useRef<{ tts?: InlineSound; file?: string }>({});

  const setSource = (next: SoundSource) => {
    if (next === source) return;
    if (source === 'tts' && item.tts !== undefined) {
      memory.current.tts =
        item.music === undefined ? { tts: item.tts } : { tts: item.tts, music: item.music };
    }
    if (source === 'file' && item.file !== undefined) memory.current.file = item.file;
    change((s: LibrarySound) => {
      if (next === 'file') {
        delete s.tts;
        delete s.music;
        s.file = memory.current.file ?? '';
      } else {
        delete s.file;
        s.tts = memory.current.tts?.tts ?? { text: '' };
        if (memory.current.tts?.music !== undefined) s.music = memory.current.tts.music;
      }
    });
  };

  return (
    <div className="rf-lib-fields">
      <TextField
        label={t('library.name')}
        value={item.name ?? ''}
        issues={at('name')}
        onChange={(value) => change((s) => setOptional<LibrarySound, 'name'>(s, 'name', value), 'name')}
      />
      <fieldset className="rf-sound-editor">
        <legend>{t('library.sound.content')}</legend>
        <SourceRadios sources={['tts', 'file']} value={source} onChange={setSource} />
        {source === 'tts' ? (
          <TtsFields
            tts={item.tts ?? { text: '' }}
            music={item.music}
            excludeMusic={item.id}
            onChange={(next, field) =>
              change(
                (s) => {
                  s.tts = next.tts;
                  if (next.music === undefined) delete s.music;
                  else s.music = next.music;
                },
                field === 'music' || field === 'language' ? undefined : `tts.${field}`,
              )
            }
          />
        ) : (
          // flow-core's message about the path is shown by the file fields themselves.
          <FileFields
            file={item.file ?? ''}
            onChange={(file) => change((s) => void (s.file = file), 'file')}
          />
        )}
        <IssueMessages issues={[...at('tts'), ...at('music')]} />
      </fieldset>
    </div>
  );
}
