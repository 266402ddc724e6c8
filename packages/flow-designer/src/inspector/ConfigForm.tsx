import type { FlowNode, Member, NodeKind, NodeKindId, NodeReference, SoundRef } from '@ringflow/flow-core';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import { findNode } from '../editor/operations.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { SoundEditor } from '../library/SoundEditor.js';
import { FieldFrame, GroupFrame, IssueMessages, NumberInput, plain } from './fields.js';
import type { ControlProps, FrameProps } from './fields.js';
import { FormProvider, typingKey, useForm } from './form-context.js';
import type { ConfigFieldProps, ConfigPath, CustomEditorProps, FormContextValue } from './form-context.js';
import { issuesBelow, ownIssues } from './issues.js';
import type { LocatedIssue } from './issues.js';
import { fieldHelp, fieldLabel, optionLabel } from './labels.js';
import { LibraryField } from './LibraryField.js';
import { ListField } from './ListField.js';
import { MemberPicker } from './MemberPicker.js';
import { MenuOptionsEditor } from './MenuOptionsEditor.js';
import { PollQuestionsEditor } from './PollQuestionsEditor.js';
import { describeConfig, initialValue, valueAt, writeAt } from './schema-fields.js';
import type { FieldInfo, FieldSpec } from './schema-fields.js';

/**
 * Editors built for one field of one kind, by field path. Every other field gets the control its
 * schema calls for; sounds and members are recognised by their flow-core schema, whatever the kind.
 */
const CUSTOM_EDITORS: {
  readonly [K in NodeKindId]?: Readonly<Record<string, ComponentType<CustomEditorProps>>>;
} = {
  menu: { options: MenuOptionsEditor },
  poll: { questions: PollQuestionsEditor },
};

function customEditor(kind: string, names: readonly string[]): ComponentType<CustomEditorProps> | undefined {
  const editors = Object.hasOwn(CUSTOM_EDITORS, kind) ? CUSTOM_EDITORS[kind as NodeKindId] : undefined;
  const key = names.join('.');
  return editors !== undefined && Object.hasOwn(editors, key) ? editors[key] : undefined;
}

type Spec<T extends FieldSpec['type']> = Extract<FieldSpec, { type: T }>;

/** One field of a node's config, at any depth, with the control its schema calls for. */
export function ConfigField({ info, path, issues, label: itemLabel }: ConfigFieldProps) {
  const form = useForm();
  const translator = useTranslator();
  const { t } = translator;
  const names = path.filter((part): part is string => typeof part === 'string');
  const label = itemLabel ?? fieldLabel(translator, form.kind, names);
  const help = itemLabel === undefined ? fieldHelp(translator, form.kind, names) : undefined;
  const stored = valueAt(form.config, path);
  const value = stored === undefined ? info.defaultValue : stored;
  const set = (next: unknown, typing = false) => form.set(path, next, typing);
  const flat = plain(issues);
  const { spec, optional } = info;

  // A purpose-built editor takes the field itself, never one item of it (whose name path is the same).
  const Custom = typeof path[path.length - 1] === 'string' ? customEditor(form.kind, names) : undefined;
  if (Custom !== undefined) {
    return <Custom info={info} path={path} value={value} issues={issues} label={label} help={help} />;
  }

  const clear =
    optional && stored !== undefined ? (
      <button type="button" className="rf-clear-button" onClick={() => set(undefined)}>
        {t('inspector.clear', { field: label })}
      </button>
    ) : undefined;
  const frame = { label, help, issues: flat, optional, actions: clear };

  switch (spec.type) {
    case 'sound':
      return (
        <SoundField
          label={label}
          help={help}
          issues={issues}
          optional={optional}
          value={stored as SoundRef | undefined}
          onChange={(next) => {
            if (next !== undefined || optional) set(next, true);
          }}
        />
      );
    case 'members':
      return (
        <MemberPicker
          members={Array.isArray(value) ? (value as Member[]) : []}
          onChange={(next) => set(next)}
          label={label}
          help={help}
          issues={issues}
        />
      );
    case 'boolean':
      return (
        <FieldFrame {...frame} inline>
          {(control) => (
            <input
              {...control}
              type="checkbox"
              checked={value === true}
              onChange={(event) => set(event.target.checked)}
            />
          )}
        </FieldFrame>
      );
    case 'enum':
      return (
        <FieldFrame {...frame} actions={undefined}>
          {(control) => (
            <EnumSelect
              control={control}
              spec={spec}
              field={info.name}
              value={typeof value === 'string' ? value : undefined}
              optional={optional}
              onChange={set}
            />
          )}
        </FieldFrame>
      );
    case 'number':
      return (
        <FieldFrame {...frame} actions={undefined}>
          {(control) => (
            <NumberInput
              control={control}
              value={typeof value === 'number' ? value : undefined}
              min={spec.min}
              max={spec.max}
              integer={spec.integer}
              optional={optional}
              onChange={(next) => set(next, true)}
            />
          )}
        </FieldFrame>
      );
    case 'string': {
      const reference = form.references.get(JSON.stringify(path));
      const text = typeof value === 'string' ? value : '';
      // An emptied optional field is removed; a required one stays empty for flow-core to report.
      const write = (next: string | undefined, typing: boolean) =>
        set(next === undefined || next === '' ? (optional ? undefined : '') : next, typing);
      if (reference !== undefined && reference !== 'sound') {
        return (
          <LibraryField
            {...frame}
            actions={undefined}
            type={reference}
            value={text}
            onChange={(next) => write(next, false)}
          />
        );
      }
      return (
        <FieldFrame {...frame} actions={undefined}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={spec.maxLength}
              value={text}
              onChange={(event) => write(event.target.value, true)}
            />
          )}
        </FieldFrame>
      );
    }
    case 'enumSet': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <GroupFrame {...frame} className="rf-choices">
          {spec.values.map((choice) => (
            <label key={choice} className="rf-choice">
              <input
                type="checkbox"
                checked={chosen.includes(choice)}
                onChange={(event) =>
                  set(spec.values.filter((v) => (v === choice ? event.target.checked : chosen.includes(v))))
                }
              />
              {optionLabel(translator, info.name, choice)}
            </label>
          ))}
        </GroupFrame>
      );
    }
    case 'list':
      return <ListField info={info} path={path} value={value} issues={issues} label={label} help={help} />;
    case 'object':
      return (
        <ObjectField
          info={info}
          spec={spec}
          path={path}
          present={stored !== undefined}
          issues={issues}
          label={label}
          help={help}
        />
      );
    case 'raw':
      return <RawField {...frame} value={value} onChange={(next) => set(next, true)} />;
  }
}

function EnumSelect({
  control,
  spec,
  field,
  value,
  optional,
  onChange,
}: {
  readonly control: ControlProps;
  readonly spec: Spec<'enum'>;
  readonly field: string;
  readonly value: string | undefined;
  readonly optional: boolean;
  readonly onChange: (next: string | undefined) => void;
}) {
  const translator = useTranslator();
  const known = value !== undefined && spec.values.includes(value);
  return (
    <select
      {...control}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      {(optional || value === undefined) && <option value="">{translator.t('inspector.unset')}</option>}
      {!known && value !== undefined && <option value={value}>{value}</option>}
      {spec.values.map((choice) => (
        <option key={choice} value={choice}>
          {optionLabel(translator, field, choice)}
        </option>
      ))}
    </select>
  );
}

/**
 * A sound field: the library's SoundEditor, with the field's help and issues. SoundEditor's props
 * are fixed (value, onChange, label, optional), so its fieldset is tied to them here, once rendered.
 */
function SoundField({
  label,
  help,
  issues,
  optional,
  value,
  onChange,
}: {
  readonly label: string;
  readonly help: string | undefined;
  readonly issues: readonly LocatedIssue[];
  readonly optional: boolean;
  readonly value: SoundRef | undefined;
  readonly onChange: (next: SoundRef | undefined) => void;
}) {
  const id = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const flat = plain(issues);
  const describedBy = [help === undefined ? '' : `${id}-help`, flat.length === 0 ? '' : `${id}-issues`]
    .filter((part) => part !== '')
    .join(' ');
  const invalid = flat.some((issue) => issue.severity === 'error');
  useEffect(() => {
    const group = wrapper.current?.querySelector(':scope > fieldset, :scope > [role="group"]');
    if (group === null || group === undefined) return;
    if (describedBy === '') group.removeAttribute('aria-describedby');
    else group.setAttribute('aria-describedby', describedBy);
  });
  return (
    <div className={`rf-field rf-sound-field${invalid ? ' rf-field-invalid' : ''}`} ref={wrapper}>
      <SoundEditor value={value} onChange={onChange} label={label} optional={optional} />
      {help !== undefined && (
        <p id={`${id}-help`} className="rf-field-help">
          {help}
        </p>
      )}
      <IssueMessages id={`${id}-issues`} issues={flat} />
    </div>
  );
}

/** Nested settings: their fields in a fieldset; an optional object can be added and removed. */
function ObjectField({
  info,
  spec,
  path,
  present,
  issues,
  label,
  help,
}: {
  readonly info: FieldInfo;
  readonly spec: Spec<'object'>;
  readonly path: ConfigPath;
  readonly present: boolean;
  readonly issues: readonly LocatedIssue[];
  readonly label: string;
  readonly help: string | undefined;
}) {
  const { set, Field } = useForm();
  const { t } = useTranslator();
  if (info.optional && !present) {
    return (
      <div className="rf-field">
        <button type="button" className="rf-add-button" onClick={() => set(path, initialValue(spec))}>
          {t('inspector.addOptional', { field: label })}
        </button>
        <IssueMessages id={`${path.join('-')}-issues`} issues={plain(issues)} />
      </div>
    );
  }
  const own = ownIssues(issues, (key) => spec.fields.some((field) => field.name === key));
  return (
    <GroupFrame
      label={label}
      help={help}
      issues={plain(own)}
      optional={info.optional}
      className="rf-object-field"
      actions={
        info.optional && (
          <button type="button" className="rf-clear-button" onClick={() => set(path, undefined)}>
            {t('inspector.clear', { field: label })}
          </button>
        )
      }
    >
      {spec.fields.map((field) => (
        <Field
          key={field.name}
          info={field}
          path={[...path, field.name]}
          issues={issuesBelow(issues, field.name)}
        />
      ))}
    </GroupFrame>
  );
}

/** A value the form has no control for, edited as JSON text. */
function RawField({
  value,
  onChange,
  ...frame
}: FrameProps & {
  readonly value: unknown;
  readonly onChange: (next: unknown) => void;
}) {
  const { t } = useTranslator();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(shown);
  const [synced, setSynced] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  if (synced !== shown) {
    setSynced(shown);
    setText(shown);
    setInvalid(false);
  }
  return (
    <FieldFrame {...frame} help={frame.help ?? t('inspector.raw.help')}>
      {(control) => (
        <div className="rf-raw">
          <textarea
            {...control}
            aria-invalid={invalid || control['aria-invalid'] ? true : undefined}
            spellCheck={false}
            rows={Math.min(12, Math.max(2, text.split('\n').length))}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              try {
                const parsed: unknown = JSON.parse(event.target.value);
                setInvalid(false);
                const next = JSON.stringify(parsed, null, 2);
                setSynced(next);
                onChange(parsed);
              } catch {
                setInvalid(true);
              }
            }}
          />
          {invalid && <p className="rf-field-issue rf-field-issue-error">{t('inspector.raw.invalid')}</p>}
        </div>
      )}
    </FieldFrame>
  );
}

/** The names of the top-level config fields the form shows, for the issues it does not. */
export function configFieldNames(kind: NodeKind): ReadonlySet<string> {
  return new Set(describeConfig(kind.config).map((field) => field.name));
}

/** The references of a node's config to the flow's library, by JSON of their path. */
function referencesOf(kind: NodeKind, config: unknown): Map<string, NodeReference['type']> {
  let references: readonly NodeReference[] = [];
  try {
    references = kind.references?.(config as never) ?? [];
  } catch {
    // A config the admin is half-way through editing; its fields are still shown plainly.
  }
  return new Map(references.map((reference) => [JSON.stringify(reference.path), reference.type]));
}

/** Props of {@link ConfigForm}. */
export interface ConfigFormProps {
  readonly node: FlowNode;
  readonly kind: NodeKind;
  /** The issues of the node's config, their paths relative to the config. */
  readonly issues: readonly LocatedIssue[];
}

/**
 * The settings of a node, generated from its kind's config schema: one control per field, the
 * purpose-built editors where a field needs one, and flow-core's issues next to their field. Every
 * change is one `edit` of the flow; typing in one field is one undo step.
 */
export function ConfigForm({ node, kind, issues }: ConfigFormProps) {
  const { edit } = useEditor();
  const fields = useMemo(() => describeConfig(kind.config), [kind]);
  const references = useMemo(() => referencesOf(kind, node.config), [kind, node.config]);
  const nodeId = node.id;
  const set = useCallback(
    (path: ConfigPath, value: unknown, typing = false) =>
      edit(
        (draft) => {
          const target = findNode(draft, nodeId);
          if (target !== undefined) writeAt(target.config, path, value);
        },
        typing ? { mergeKey: typingKey(nodeId, path) } : {},
      ),
    [edit, nodeId],
  );
  const form = useMemo<FormContextValue>(
    () => ({ nodeId, kind: node.kind, config: node.config, set, references, Field: ConfigField }),
    [nodeId, node.kind, node.config, set, references],
  );
  return (
    <FormProvider value={form}>
      <div className="rf-config-form">
        {fields.map((info) => (
          <ConfigField
            key={info.name}
            info={info}
            path={[info.name]}
            issues={issuesBelow(issues, info.name)}
          />
        ))}
      </div>
    </FormProvider>
  );
}
