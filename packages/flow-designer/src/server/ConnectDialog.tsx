import { useId, useState } from 'react';
import type { ServerProblem } from './api-client.js';
import { FormDialog } from './FormDialog.js';
import { isLoopbackUrl, isSendableToken, normalizeServerUrl } from './server-url.js';
import type { ServerUrlProblem } from './server-url.js';
import { useServerTranslator } from './i18n.js';
import { ProblemAlert } from './ProblemMessage.js';
import './server.css';

/** Props of {@link ConnectDialog}. */
export interface ConnectDialogProps {
  /** The URL to start from (`?server=`, or the server of a failed connection). */
  readonly url: string;
  /** Why the last attempt failed, when the dialog opens after one (a token refused at start). */
  readonly problem?: ServerProblem | undefined;
  /** Tries the server with the token; resolves with the problem, or null once connected. */
  readonly onConnect: (url: string, token: string, remember: boolean) => Promise<ServerProblem | null>;
  readonly onClose: () => void;
}

/**
 * "Connect to a server": the server's URL and the API token that `ringflow serve` printed. The token
 * is kept for this tab only unless "remember on this device" is ticked; it is checked against the
 * server (its flows are read) before the dialog closes, and a refusal says why and what to do.
 */
export function ConnectDialog({
  url: initialUrl,
  problem: initialProblem,
  onConnect,
  onClose,
}: ConnectDialogProps) {
  const { t } = useServerTranslator();
  const ids = useId();
  const [url, setUrl] = useState(initialUrl);
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const [problem, setProblem] = useState<{ problem: ServerProblem; url: string } | undefined>(
    initialProblem === undefined ? undefined : { problem: initialProblem, url: initialUrl },
  );

  const checkedUrl = normalizeServerUrl(url);
  const urlProblem: ServerUrlProblem | undefined = checkedUrl.ok ? undefined : checkedUrl.problem;
  const tokenProblem = token.trim() === '' ? 'empty' : isSendableToken(token.trim()) ? undefined : 'invalid';
  const insecure = checkedUrl.ok && checkedUrl.url.startsWith('http:') && !isLoopbackUrl(checkedUrl.url);

  const submit = async () => {
    setSubmitted(true);
    if (!checkedUrl.ok || tokenProblem !== undefined) return;
    setConnecting(true);
    const failed = await onConnect(checkedUrl.url, token.trim(), remember);
    setConnecting(false);
    if (failed !== null) setProblem({ problem: failed, url: checkedUrl.url });
  };

  return (
    <FormDialog
      title={t('server.connect.title')}
      onSubmit={() => void submit()}
      submitLabel={connecting ? t('server.connect.connecting') : t('server.connect.submit')}
      submitDisabled={connecting}
      onClose={onClose}
    >
      <p className="rf-hint">{t('server.connect.intro')}</p>
      <label htmlFor={`${ids}-url`}>{t('server.connect.url')}</label>
      <input
        id={`${ids}-url`}
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        value={url}
        placeholder="http://127.0.0.1:8300"
        aria-invalid={submitted && urlProblem !== undefined}
        aria-describedby={`${ids}-url-hint`}
        data-autofocus={initialUrl === '' ? true : undefined}
        onChange={(event) => setUrl(event.target.value)}
      />
      <span id={`${ids}-url-hint`} className="rf-hint">
        {submitted && urlProblem !== undefined ? (
          <span className="rf-server-field-error">{t(`server.connect.url.${urlProblem}`)}</span>
        ) : (
          t('server.connect.url.hint')
        )}
      </span>
      {insecure && (
        <p className="rf-server-warning" role="note">
          {t('server.connect.insecure')}
        </p>
      )}
      <label htmlFor={`${ids}-token`}>{t('server.connect.token')}</label>
      <input
        id={`${ids}-token`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        aria-invalid={submitted && tokenProblem !== undefined}
        aria-describedby={`${ids}-token-hint`}
        data-autofocus={initialUrl === '' ? undefined : true}
        onChange={(event) => setToken(event.target.value)}
      />
      <span id={`${ids}-token-hint`} className="rf-hint">
        {submitted && tokenProblem !== undefined ? (
          <span className="rf-server-field-error">{t(`server.connect.token.${tokenProblem}`)}</span>
        ) : (
          t('server.connect.token.hint')
        )}
      </span>
      <label className="rf-server-inline">
        <input
          type="checkbox"
          checked={remember}
          aria-describedby={`${ids}-remember-hint`}
          onChange={(event) => setRemember(event.target.checked)}
        />
        {t('server.connect.remember')}
      </label>
      <span id={`${ids}-remember-hint`} className="rf-hint">
        {t(remember ? 'server.connect.remember.on' : 'server.connect.remember.off')}
      </span>
      {problem !== undefined && <ProblemAlert problem={problem.problem} url={problem.url} />}
    </FormDialog>
  );
}
