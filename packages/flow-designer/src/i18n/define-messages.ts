/**
 * The strings of one area of the designer, in French (the default, written first) and English. The
 * compiler rejects an English table that misses or adds a key.
 *
 * @example
 * export const paletteMessages = defineMessages(
 *   { 'palette.title': 'Étapes' },
 *   { 'palette.title': 'Steps' },
 * );
 */
export function defineMessages<const K extends string>(
  fr: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): { readonly fr: Readonly<Record<K, string>>; readonly en: Readonly<Record<K, string>> } {
  return { fr, en };
}
