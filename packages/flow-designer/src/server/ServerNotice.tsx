import { useServerTranslator } from './i18n.js';
import type { ServerTranslator } from './i18n.js';
import { IssueList, ProblemMessage } from './ProblemMessage.js';
import type { ServerNoticeMessage, ServerSession } from './useServerSession.js';
import './server.css';

/** The text of a notice of the session. */
export function noticeText(message: ServerNoticeMessage, { t }: ServerTranslator): string {
  switch (message.key) {
    case 'server.notice.failed':
      return t('server.notice.failed', { action: t(`server.action.${message.params.action}`) });
    case 'server.notice.savedClean':
      return t(message.key);
    default:
      return t(message.key, message.params);
  }
}

/**
 * What the session just did or failed to do, under the toolbar: a status for a success, an alert
 * for a failure (with the explanation, the problems the server listed and its words for support).
 */
export function ServerNotice({ session }: { readonly session: ServerSession }) {
  const translator = useServerTranslator();
  const { t } = translator;
  const { notice, state } = session;
  if (notice === null) return null;
  const text = noticeText(notice.message, translator);
  const url = state.kind === 'off' ? '' : state.url;
  return (
    <div
      role={notice.tone === 'error' ? 'alert' : 'status'}
      className={`rf-banner rf-server-notice${notice.tone === 'error' ? ' rf-banner-warning' : ''}`}
      data-tone={notice.tone}
    >
      {notice.problem === undefined ? (
        <p>{text}</p>
      ) : (
        <ProblemMessage problem={notice.problem} url={url} lead={text} />
      )}
      {notice.issues !== undefined && notice.issues.length > 0 && <IssueList issues={notice.issues} />}
      <button type="button" aria-label={t('server.notice.dismiss')} onClick={session.dismissNotice}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
