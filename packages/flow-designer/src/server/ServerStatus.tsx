import { Suspense, lazy } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { serverEntryMessages } from './entry-messages.js';
import type { ServerSession } from './useServerSession.js';
import './server.css';

// What a connected toolbar shows comes with the rest of the server area, when a server is in play.
const ConnectedStatus = lazy(() => import('./on-demand.js').then((m) => ({ default: m.ConnectedStatus })));

/**
 * The server part of the app's toolbar: "Connect to a server…" while there is none; once a server is
 * in play, the connection, the state of the open document on the server and the Save button.
 */
export function ServerStatus({ session }: { readonly session: ServerSession }) {
  const { locale } = useTranslator();
  const messages = serverEntryMessages[locale];
  return (
    <div
      role="group"
      aria-label={messages['server.tab']}
      className="rf-server-status"
      data-state={session.state.kind}
    >
      {session.state.kind === 'off' ? (
        <button type="button" onClick={session.showConnect}>
          {messages['server.connect']}
        </button>
      ) : (
        <Suspense fallback={null}>
          <ConnectedStatus session={session} />
        </Suspense>
      )}
    </div>
  );
}
