import type { Locale } from '../i18n/locale.js';

const TYPE_NAMES: Record<string, { en: string; fr: string }> = {
  string: { en: 'a text', fr: 'un texte' },
  number: { en: 'a number', fr: 'un nombre' },
  int: { en: 'a whole number', fr: 'un nombre entier' },
  boolean: { en: 'true or false', fr: 'true ou false' },
  object: { en: 'an object', fr: 'un objet' },
  record: { en: 'an object', fr: 'un objet' },
  array: { en: 'a list', fr: 'une liste' },
  tuple: { en: 'a pair of values', fr: 'une paire de valeurs' },
  null: { en: 'null', fr: 'null' },
  undefined: { en: 'nothing', fr: 'rien' },
  nonfinite: { en: 'a number that is not finite', fr: 'un nombre non fini' },
  function: { en: 'a function', fr: 'une fonction' },
  other: { en: 'an unsupported value', fr: 'une valeur non prise en charge' },
};

/** Names a type (as zod's `expected` or `typeOfJsonValue` gives it) in words. */
export function describeType(type: string, locale: Locale): string {
  return (TYPE_NAMES[type] ?? TYPE_NAMES.other!)[locale];
}

/** The JSON type of a value, with `other` for what JSON cannot hold. */
export function typeOfJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'nonfinite';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null ? 'object' : 'other';
  }
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'undefined')
    return typeof value;
  if (typeof value === 'function') return 'function';
  return 'other';
}

/** A short, safe rendering of a value for a message. */
export function previewValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 57)}...` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeOfJsonValue(value);
}
