import { createContext, useContext } from 'react';
import type { ServerSession } from './useServerSession.js';
import { useTranslator } from '../i18n/i18n.js';
import { serverEntryMessages } from './entry-messages.js';

// Apart from the session itself, so that a designer embedded without the app (FlowDesigner alone)
// loads nothing of the server's client and dialogs.
const ServerSessionContext = createContext<ServerSession | null>(null);

/** Gives the panels below it the server session (the app does; a bare FlowDesigner has none). */
export const ServerSessionProvider = ServerSessionContext.Provider;

/** The server session of the app, or null when the designer runs without one (embedded alone). */
export function useServerSessionContext(): ServerSession | null {
  return useContext(ServerSessionContext);
}

/** The label of the Server side tab, in the designer's language. */
export function ServerTabLabel() {
  return serverEntryMessages[useTranslator().locale]['server.tab'];
}
