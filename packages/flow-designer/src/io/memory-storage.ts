/**
 * A Web Storage kept in memory, for tests and stories: an optional quota makes `setItem` throw the
 * browser's QuotaExceededError once the stored text would pass it, as a full localStorage does.
 */
export function createMemoryStorage({ quota = Infinity }: { readonly quota?: number } = {}): Storage {
  const items = new Map<string, string>();
  const used = () => [...items].reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      const text = String(value);
      const after =
        used() - (items.has(key) ? key.length + items.get(key)!.length : 0) + key.length + text.length;
      if (after > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(key, text);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    clear: () => items.clear(),
  };
}
