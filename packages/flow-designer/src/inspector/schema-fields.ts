import { memberSchema, soundRefSchema } from '@ringflow/flow-core';

/*
 * Reads a kind's zod config schema (zod 4: every schema exposes `_zod.def`) into the shape of a
 * form: which control each field needs, its bounds, whether it may be left out and its default. The
 * inspector renders this; flow-core keeps every rule (the bounds only guide the controls, flow-core
 * still reports what is out of range).
 */

/** The control a value needs. */
export type FieldSpec =
  | { readonly type: 'number'; readonly min?: number; readonly max?: number; readonly integer: boolean }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string'; readonly maxLength?: number }
  /** A sound reference (flow-core's soundRefSchema): edited by the library's SoundEditor. */
  | { readonly type: 'sound' }
  /** A list of members (flow-core's memberSchema): edited by the MemberPicker. */
  | { readonly type: 'members' }
  /** A set of choices, such as `skip`: a group of checkboxes. */
  | { readonly type: 'enumSet'; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly item: FieldSpec; readonly itemDefault: unknown }
  | { readonly type: 'object'; readonly fields: readonly FieldInfo[] }
  /** Anything else (records, tuples, other unions): edited as JSON text. */
  | { readonly type: 'raw' };

/** One field of an object: its name, its control, and how it may be left empty. */
export interface FieldInfo {
  readonly name: string;
  readonly spec: FieldSpec;
  /** The field may be absent from the document. */
  readonly optional: boolean;
  /** The value zod fills in when the field is absent, if any. */
  readonly defaultValue?: unknown;
}

/** What the inspector needs of a zod schema's definition (structural, to depend on no zod internals). */
interface SchemaLike {
  readonly _zod: { readonly def: SchemaDef };
}

interface SchemaDef {
  readonly type: string;
  readonly innerType?: SchemaLike;
  readonly defaultValue?: unknown;
  readonly shape?: Readonly<Record<string, SchemaLike>>;
  readonly element?: SchemaLike;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly options?: readonly SchemaLike[];
  readonly in?: SchemaLike;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly maximum?: number;
}

function isSchema(value: unknown): value is SchemaLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as SchemaLike)._zod?.def?.type === 'string'
  );
}

function checksOf(def: SchemaDef): CheckDef[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

/** The keys of an object schema, or nothing. */
function objectKeys(schema: SchemaLike | undefined): string[] {
  const def = schema?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/**
 * A union shaped like flow-core's sound reference (a library id, or a sound with `tts` and `file`),
 * for a schema that is not that very object (a second copy of flow-core, say).
 */
function looksLikeSoundRef(def: SchemaDef): boolean {
  const options = def.options ?? [];
  return (
    def.type === 'union' &&
    options.some((option) => option._zod.def.type === 'string') &&
    options.some((option) => ['tts', 'file'].every((key) => objectKeys(option).includes(key)))
  );
}

/** A union shaped like flow-core's member: an agent, a group or a number. */
function looksLikeMember(schema: SchemaLike | undefined): boolean {
  const def = schema?._zod.def;
  const keys = (def?.type === 'union' ? (def.options ?? []) : []).flatMap(objectKeys);
  return ['agent', 'group', 'number'].every((key) => keys.includes(key));
}

/** Wrappers that do not change the control: what they add is read, then the inner schema. */
const TRANSPARENT = new Set(['readonly', 'catch', 'nonoptional', 'nullable']);

/** The field a schema describes, wrappers (optional, default…) unwrapped. */
export function describeField(name: string, schema: unknown): FieldInfo {
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let current = schema;
  for (let depth = 0; depth < 20 && isSchema(current); depth += 1) {
    if (current === soundRefSchema) break;
    const def = current._zod.def;
    if (def.type === 'optional') {
      optional = true;
      current = def.innerType;
    } else if (def.type === 'default' || def.type === 'prefault') {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = structuredClone(def.defaultValue);
      }
      current = def.innerType;
    } else if (def.type === 'pipe') {
      // The document holds what the admin writes: the input side of a pipe.
      current = def.in;
    } else if (TRANSPARENT.has(def.type)) {
      current = def.innerType;
    } else break;
  }
  return { name, spec: specOf(current), optional, ...(hasDefault ? { defaultValue } : {}) };
}

/** The control for a schema that is no longer wrapped. */
function specOf(schema: unknown): FieldSpec {
  if (!isSchema(schema)) return { type: 'raw' };
  const def = schema._zod.def;
  if (schema === soundRefSchema || looksLikeSoundRef(def)) return { type: 'sound' };
  switch (def.type) {
    case 'number':
    case 'int': {
      let min: number | undefined;
      let max: number | undefined;
      let integer = def.type === 'int';
      for (const check of checksOf(def)) {
        if (check.check === 'greater_than' && check.value !== undefined) min = check.value;
        if (check.check === 'less_than' && check.value !== undefined) max = check.value;
        if (check.check === 'number_format' && /int/.test(check.format ?? '')) integer = true;
      }
      return {
        type: 'number',
        integer,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'enum', values: Object.values(def.entries ?? {}).map(String) };
    case 'literal':
      return def.values?.length === 1 && typeof def.values[0] === 'string'
        ? { type: 'enum', values: [def.values[0]] }
        : { type: 'raw' };
    case 'string': {
      const maxLength = checksOf(def).find((check) => check.check === 'max_length')?.maximum;
      return maxLength === undefined ? { type: 'string' } : { type: 'string', maxLength };
    }
    case 'array': {
      if (def.element === memberSchema || looksLikeMember(def.element)) return { type: 'members' };
      const item = describeField('', def.element);
      if (item.spec.type === 'enum') return { type: 'enumSet', values: item.spec.values };
      return { type: 'list', item: item.spec, itemDefault: item.defaultValue ?? initialValue(item.spec) };
    }
    case 'object':
      return {
        type: 'object',
        fields: Object.entries(def.shape ?? {}).map(([key, field]) => describeField(key, field)),
      };
    default:
      return { type: 'raw' };
  }
}

/** The config form of a kind: the fields of its (object) config schema, in schema order. */
export function describeConfig(schema: unknown): readonly FieldInfo[] {
  const { spec } = describeField('', schema);
  return spec.type === 'object' ? spec.fields : [];
}

/**
 * A value to start from when the admin adds an item or an optional field: what flow-core would
 * fill in, else the smallest value of the right type (flow-core reports what still needs filling).
 */
export function initialValue(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.values[0] ?? '';
    case 'string':
      return '';
    case 'sound':
      return { tts: { text: '' } };
    case 'members':
    case 'enumSet':
    case 'list':
      return [];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const field of spec.fields) {
        if (field.defaultValue !== undefined) value[field.name] = structuredClone(field.defaultValue);
        else if (!field.optional) value[field.name] = initialValue(field.spec);
      }
      return value;
    }
    case 'raw':
      return null;
  }
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/**
 * Writes `value` at `path` inside `root` (an immer draft); `undefined` removes an object key. Does
 * nothing when a container on the way is missing.
 */
export function writeAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  if (path.length === 0) return;
  let current = root;
  for (const part of path.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return;
    current = (current as Record<string | number, unknown>)[part];
  }
  if (current === null || typeof current !== 'object') return;
  const last = path[path.length - 1] as string | number;
  const container = current as Record<string | number, unknown>;
  if (value === undefined && !Array.isArray(container)) delete container[last];
  else container[last] = value;
}
