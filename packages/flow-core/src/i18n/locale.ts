/** Languages every user-facing text of ringflow is written in. French is the default of our first users. */
export type Locale = 'en' | 'fr';

/** The locales ringflow ships, default first. */
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** A text written once per supported language. */
export interface LocalizedText {
  readonly en: string;
  readonly fr: string;
}
