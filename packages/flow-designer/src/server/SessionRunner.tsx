import { useEffect } from 'react';
import { useServerSession } from './useServerSession.js';
import type { ServerSession, ServerSessionOptions } from './useServerSession.js';

/** Props of {@link SessionRunner}. */
export interface SessionRunnerProps {
  readonly options: ServerSessionOptions;
  /** Receives the session at every change. */
  readonly onSession: (session: ServerSession) => void;
}

/**
 * Runs the server session and hands it to the app (useServer): loaded, with the client and the
 * area's strings, only once a server is in play. It renders nothing.
 */
export function SessionRunner({ options, onSession }: SessionRunnerProps) {
  const session = useServerSession(options);
  useEffect(() => onSession(session), [session, onSession]);
  return null;
}
