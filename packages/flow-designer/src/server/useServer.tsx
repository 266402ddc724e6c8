import { Suspense, lazy, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { browserConnectionStorages, readStoredConnection, serverFromSearch } from './connection.js';
import type { ServerSession, ServerSessionOptions } from './useServerSession.js';

// The session, its client and its strings: loaded once a server is in play.
const SessionRunner = lazy(() => import('./on-demand.js').then((m) => ({ default: m.SessionRunner })));

/** What the app gets from {@link useServer}. */
export interface ServerEntry {
  /** The session; a session that is off until a server is in play. */
  readonly session: ServerSession;
  /** To render anywhere in the app while it runs (it renders nothing itself). */
  readonly runner: ReactNode;
}

const noop = () => undefined;

/** The session of a designer with no server: what the toolbar and the Server tab show then. */
function offSession(connect: () => void, storages: ServerSession['storages']): ServerSession {
  return {
    state: { kind: 'off' },
    client: null,
    document: null,
    activity: null,
    notice: null,
    dialog: null,
    reopenPanel: false,
    storages,
    revision: 0,
    showConnect: connect,
    connect: async () => null,
    retry: noop,
    disconnect: noop,
    save: async () => false,
    open: async () => undefined,
    showCreate: noop,
    create: async () => ({ ok: true }),
    showPublish: noop,
    publish: async () => null,
    showRollback: noop,
    rollback: async () => null,
    editAsDraft: async () => undefined,
    resolveConflict: async () => undefined,
    closeDialog: noop,
    dismissNotice: noop,
  };
}

/**
 * The app's server session. Without a server in play (no `?server=`, no stored connection, nobody
 * asked to connect) nothing of the server area is loaded beyond the toolbar's button, and no
 * request is made; once one is, the session (useServerSession) is loaded and runs.
 */
export function useServer(options: ServerSessionOptions): ServerEntry {
  const [storages] = useState(() => options.storages ?? browserConnectionStorages());
  const [wanted, setWanted] = useState<'no' | 'start' | 'connect'>(() =>
    serverFromSearch(options.search) !== undefined || readStoredConnection(storages) !== undefined
      ? 'start'
      : 'no',
  );
  const [session, setSession] = useState<ServerSession | null>(null);
  // Set with the flow the session opens, in the same render: the designer's new canvas reads it as it
  // mounts, before the runner hands the session over (in an effect, a render later).
  const [openedFromServer, setOpenedFromServer] = useState(false);
  const off = useMemo(() => offSession(() => setWanted('connect'), storages), [storages]);
  const current = session ?? off;
  const reopenPanel = openedFromServer && options.current?.link !== undefined;
  const value = useMemo(
    () => (current.reopenPanel === reopenPanel ? current : { ...current, reopenPanel }),
    [current, reopenPanel],
  );
  return {
    session: value,
    runner:
      wanted === 'no' ? null : (
        <Suspense fallback={null}>
          <SessionRunner
            options={{
              ...options,
              storages,
              connectAtStart: wanted === 'connect',
              onOpen: (flow, link) => {
                setOpenedFromServer(true);
                options.onOpen(flow, link);
              },
            }}
            onSession={setSession}
          />
        </Suspense>
      ),
  };
}
