import { describe, expect, it } from 'vitest';
import { createTranslator, formatMessage, localeFromSearch } from './i18n.js';
import { MESSAGES } from './messages.js';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
    for (const messages of Object.values(MESSAGES)) {
      for (const text of Object.values(messages)) expect(text.trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.fr) as (keyof typeof MESSAGES.fr)[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.fr[key]));
    }
  });

  it('defaults to French; ?lang=en selects English', () => {
    expect(localeFromSearch('')).toBe('fr');
    expect(localeFromSearch('?lang=de')).toBe('fr');
    expect(localeFromSearch('?example=x&lang=en')).toBe('en');
    expect(createTranslator('en').t('problems.title')).toBe('Problems');
    expect(createTranslator('fr').t('problems.title')).toBe('Problèmes');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatMessage('{a} et {b}', { a: 1 })).toBe('1 et {b}');
  });
});
