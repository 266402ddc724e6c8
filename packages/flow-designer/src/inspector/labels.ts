import type { Translator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { inspectorMessages } from './messages.js';

/** A field's place in a config, without list indexes: `['questions', 'id']`. */
export type FieldNamePath = readonly string[];

function isInspectorKey(key: string): key is MessageKey & keyof typeof inspectorMessages.fr {
  return Object.hasOwn(inspectorMessages.fr, key);
}

/** The first of `keys` that the inspector's table has, translated; else undefined. */
function firstMessage(translator: Translator, keys: readonly string[]): string | undefined {
  const key = keys.find(isInspectorKey);
  return key === undefined ? undefined : translator.t(key);
}

/** The names a field is looked up by, the most specific first (see messages.ts). */
function candidates(prefix: string, kind: string, path: FieldNamePath): string[] {
  const name = path[path.length - 1] ?? '';
  return [`${prefix}.${kind}.${path.join('.')}`, `${prefix}.${name}`];
}

/** The label of a config field; its raw name when the table has none (a field newer than the table). */
export function fieldLabel(translator: Translator, kind: string, path: FieldNamePath): string {
  return firstMessage(translator, candidates('inspector.field', kind, path)) ?? path[path.length - 1] ?? '';
}

/** True when the table labels this field (the tests check every field of every kind). */
export function hasFieldLabel(kind: string, path: FieldNamePath): boolean {
  return candidates('inspector.field', kind, path).some(isInspectorKey);
}

/** The help text of a config field, if the table has one. */
export function fieldHelp(translator: Translator, kind: string, path: FieldNamePath): string | undefined {
  return firstMessage(translator, candidates('inspector.help', kind, path));
}

/** The label of one choice of an enum field; the raw value when the table has none. */
export function optionLabel(translator: Translator, field: string, value: string): string {
  return firstMessage(translator, optionKeys(field, value)) ?? value;
}

/** True when the table labels this choice. */
export function hasOptionLabel(field: string, value: string): boolean {
  return optionKeys(field, value).some(isInspectorKey);
}

function optionKeys(field: string, value: string): string[] {
  return [`inspector.option.${field}.${value}`, `inspector.option.${value}`];
}
