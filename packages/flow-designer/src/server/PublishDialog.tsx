import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useId, useMemo, useState } from 'react';
import type { ServerProblem } from './api-client.js';
import type { VersionInfo } from './api-types.js';
import { readAuthor, storeAuthor } from './connection.js';
import { formatDateTime } from './format.js';
import { FormDialog } from './FormDialog.js';
import { useServerTranslator } from './i18n.js';
import { IssueList, ProblemAlert } from './ProblemMessage.js';
import type { PublishMetadata } from './useServerSession.js';
import './server.css';

/** Longest author and comment the server keeps (docs/api.md, Limits). */
const AUTHOR_MAX = 200;
const COMMENT_MAX = 2000;

/** Props of {@link PublishDialog}. */
export interface PublishDialogProps {
  /** The open flow: its problems are shown before publishing. */
  readonly flow: FlowDocument;
  /** Publish the draft, or roll back to this version. */
  readonly rollbackTo?: VersionInfo | undefined;
  /** Unsaved changes are saved to the draft first. */
  readonly dirty?: boolean;
  /** The server, for the explanation of a problem. */
  readonly url: string;
  /** Where the author's name is remembered (localStorage). */
  readonly storage?: Storage | undefined;
  /** Publishes; resolves with the server's refusal, or null when done. */
  readonly onSubmit: (metadata: PublishMetadata) => Promise<ServerProblem | null>;
  readonly onClose: () => void;
}

/**
 * Publishing the draft (or rolling back to an older version) with who and why. The flow's errors are
 * listed before anything is sent; a refusal of the server (a flow with errors) lists its problems,
 * in the designer's language, and publishes nothing.
 */
export function PublishDialog({
  flow,
  rollbackTo,
  dirty = false,
  url,
  storage,
  onSubmit,
  onClose,
}: PublishDialogProps) {
  const translator = useServerTranslator();
  const { t, locale } = translator;
  const ids = useId();
  const [author, setAuthor] = useState(() => readAuthor(storage));
  const [comment, setComment] = useState(() =>
    rollbackTo === undefined ? '' : t('server.rollback.defaultComment', { version: rollbackTo.version }),
  );
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const errors = useMemo(
    () => (rollbackTo === undefined ? validateFlow(flow, { locale }).errors : []),
    [flow, locale, rollbackTo],
  );
  const tooLong = comment.length > COMMENT_MAX;

  const submit = async () => {
    if (tooLong) return;
    storeAuthor(storage, author);
    setSending(true);
    const refused = await onSubmit({ author: author.replace(/\s+/g, ' '), comment });
    setSending(false);
    setProblem(refused);
  };

  const title =
    rollbackTo === undefined
      ? t('server.publish.title', { name: flow.name })
      : t('server.rollback.title', { version: rollbackTo.version });

  return (
    <FormDialog
      title={title}
      onSubmit={() => void submit()}
      submitLabel={
        sending
          ? t('server.publish.sending')
          : rollbackTo === undefined
            ? t('server.publish.submit')
            : t('server.rollback.submit', { version: rollbackTo.version })
      }
      submitDisabled={sending || tooLong}
      onClose={onClose}
    >
      {rollbackTo === undefined ? (
        <>
          <p>{t('server.publish.intro')}</p>
          {dirty && <p className="rf-hint">{t('server.publish.savesFirst')}</p>}
          {errors.length > 0 && (
            <div className="rf-server-warning">
              <p>{t('server.publish.hasErrors', { count: errors.length })}</p>
              <IssueList issues={errors} flow={flow} />
            </div>
          )}
        </>
      ) : (
        <p>
          {t('server.rollback.intro', {
            version: rollbackTo.version,
            date: formatDateTime(rollbackTo.publishedAt, locale),
            author: rollbackTo.author ?? t('server.versions.noAuthor'),
          })}
        </p>
      )}
      <label htmlFor={`${ids}-author`}>{t('server.publish.author')}</label>
      <input
        id={`${ids}-author`}
        type="text"
        autoComplete="name"
        maxLength={AUTHOR_MAX}
        value={author}
        onChange={(event) => setAuthor(event.target.value)}
      />
      <label htmlFor={`${ids}-comment`}>{t('server.publish.comment')}</label>
      <textarea
        id={`${ids}-comment`}
        rows={3}
        value={comment}
        data-autofocus
        aria-invalid={tooLong}
        aria-describedby={`${ids}-comment-hint`}
        placeholder={t('server.publish.comment.placeholder')}
        onChange={(event) => setComment(event.target.value)}
      />
      <span id={`${ids}-comment-hint`} className={tooLong ? 'rf-hint rf-server-field-error' : 'rf-hint'}>
        {t('server.publish.comment.count', { count: comment.length, max: COMMENT_MAX })}
      </span>
      {problem !== null && <ProblemAlert problem={problem} url={url} flow={flow} />}
    </FormDialog>
  );
}
