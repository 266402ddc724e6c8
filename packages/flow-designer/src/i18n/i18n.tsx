import type { Locale, LocalizedText } from '@ringflow/flow-core';
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { MESSAGES } from './messages.js';
import type { MessageKey } from './messages.js';

/** The language the designer uses when none is asked for. */
export const DEFAULT_LOCALE: Locale = 'fr';

/** Fills the `{name}` placeholders of a template; unknown placeholders are left as written. */
export function formatMessage(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Reads `?lang=` from a query string: `en` or `fr`, else the default (French). */
export function localeFromSearch(search: string): Locale {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' || lang === 'fr' ? lang : DEFAULT_LOCALE;
}

/** A translator for one language: designer strings by key, flow-core texts by their `{ en, fr }`. */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  text(localized: LocalizedText): string;
}

/** Builds the translator for `locale`. */
export function createTranslator(locale: Locale): Translator {
  const messages = MESSAGES[locale];
  return {
    locale,
    t: (key, params) => formatMessage(messages[key], params),
    text: (localized) => localized[locale],
  };
}

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** Gives every component below it the designer's language. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The translator for the language of the nearest LocaleProvider (French by default). */
export function useTranslator(): Translator {
  const locale = useContext(LocaleContext);
  return useMemo(() => createTranslator(locale), [locale]);
}
