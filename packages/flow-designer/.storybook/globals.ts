import type { Locale } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';

// The toolbar's globals as the stories read them. Kept apart from story-kit so that the preview,
// loaded by every story, imports nothing of the designer.

/** The toolbar's language (French unless English is picked). */
export function storyLocale(globals: Readonly<Record<string, unknown>>): Locale {
  return globals['locale'] === 'en' ? 'en' : 'fr';
}

/** The toolbar's theme. */
export function storyColorMode(globals: Readonly<Record<string, unknown>>): ColorMode {
  return globals['theme'] === 'dark' ? 'dark' : 'light';
}

/** Picks the French or the English text, as the toolbar's language says: `say('Ouvert', 'Open')`. */
export function sayer(globals: Readonly<Record<string, unknown>>): <T>(fr: T, en: T) => T {
  const locale = storyLocale(globals);
  return <T>(fr: T, en: T): T => (locale === 'en' ? en : fr);
}
