/**
 * Ids for what the start dialog creates: flows, agents. flow-core decides what a valid id is
 * (`[A-Za-z][A-Za-z0-9_-]{0,63}`); these helpers only turn a name a person typed into one.
 */

/** Longest id base, so that a `-N` suffix still fits in the 64 characters an id may have. */
const MAX_BASE = 56;

/**
 * A readable id made from `text`: accents dropped, lower case, words joined by `-`
 * (`Boulangerie Lefèvre` gives `boulangerie-lefevre`). Text with no usable letter gives `fallback`;
 * text that starts with a digit is prefixed with it (`2 rue` gives `<fallback>-2-rue`).
 */
export function slugId(text: string, fallback: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
  const base = /^[a-z]/.test(slug) ? slug : slug === '' ? fallback : `${fallback}-${slug}`;
  return base.slice(0, MAX_BASE).replace(/-+$/, '') || fallback;
}

/** `base` when it is free, else `base-2`, `base-3`... the first one not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base.slice(0, MAX_BASE)}-${n}`;
    if (!taken.has(id)) return id;
  }
}
