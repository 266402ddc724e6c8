import { isValidId } from './flow-rules.js';

/** The longest id the designer proposes, leaving room for a `-2` suffix within flow-core's 64. */
const MAX_SLUG = 48;

/**
 * An id proposed for an item named `name`: lower case ASCII letters, digits and dashes, accents
 * dropped (`Service après-vente` gives `service-apres-vente`), starting with a letter (`prefix-`
 * is put first otherwise), and not one of `taken` (`-2`, `-3`... is added). flow-core decides
 * whether the result is a valid id.
 */
export function proposeId(name: string, prefix: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  const base = slug === '' ? prefix : /^[a-z]/.test(slug) ? slug : `${prefix}-${slug}`;
  if (!taken.has(base) && isValidId(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * A file name as it is written in a sound path: accents dropped, lower case, anything but letters,
 * digits, dots, dashes and underscores turned into dashes (`Message d'accueil.MP3` gives
 * `message-d-accueil.mp3`).
 */
export function sanitizeFileName(name: string): string {
  const clean = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return clean === '' ? 'sound' : clean;
}
