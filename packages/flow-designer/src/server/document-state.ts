import { formatDateTime, formatTime } from './format.js';
import type { ServerTranslator } from './i18n.js';
import type { ServerDocumentState } from './useServerSession.js';

/**
 * Where the open document stands on the server, in one phrase: not there yet, a version shown read
 * only, changed since it was saved, no draft yet, or saved. The toolbar says when it was saved as a
 * time of day (`'time'`, it is short of room); the Server tab as a date and time (`'date'`).
 */
export function documentStateText(
  document: ServerDocumentState,
  { t, locale }: ServerTranslator,
  savedAs: 'time' | 'date',
): string {
  const { link } = document;
  if (link === undefined) return t('server.document.local');
  if (document.readOnly) return t('server.document.readOnly', { version: link.version ?? '' });
  if (document.dirty) return t('server.document.dirty');
  if (link.savedAt === null) return t('server.document.noDraft');
  return savedAs === 'time'
    ? t('server.document.saved', { time: formatTime(link.savedAt, locale) })
    : t('server.document.savedOn', { date: formatDateTime(link.savedAt, locale) });
}
