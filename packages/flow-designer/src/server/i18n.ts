import type { Locale } from '@ringflow/flow-core';
import { useMemo } from 'react';
import { createTranslator, formatMessage, useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { serverMessages } from './messages.js';

/** The key of a string of the server area. */
export type ServerMessageKey = keyof typeof serverMessages.fr;

/** The designer's translator, which also knows the server area's strings (`server.*`). */
export interface ServerTranslator extends Translator {
  t(key: MessageKey | ServerMessageKey, params?: Readonly<Record<string, string | number>>): string;
}

function isServerKey(key: string, locale: Locale): key is ServerMessageKey {
  return Object.hasOwn(serverMessages[locale], key);
}

/**
 * The translator of `locale` with the server area's strings. They are declared beside the area's
 * code (messages.ts) and looked up here, so that the area's strings travel with it.
 */
export function createServerTranslator(locale: Locale): ServerTranslator {
  const base = createTranslator(locale);
  const own = serverMessages[locale];
  return {
    ...base,
    t: (key, params) => (isServerKey(key, locale) ? formatMessage(own[key], params) : base.t(key, params)),
  };
}

/** {@link createServerTranslator} for the language of the nearest LocaleProvider. */
export function useServerTranslator(): ServerTranslator {
  const { locale } = useTranslator();
  return useMemo(() => createServerTranslator(locale), [locale]);
}
