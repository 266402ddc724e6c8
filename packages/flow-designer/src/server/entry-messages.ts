import { defineMessages } from '../i18n/define-messages.js';

/**
 * The server area's strings that a designer without a server shows: the tab and the button that
 * connects. The others (messages.ts) are loaded with the rest of the area, once a server is in play.
 */
export const serverEntryMessages = defineMessages(
  {
    'server.tab': 'Serveur',
    'server.connect': 'Se connecter à un serveur…',
  },
  {
    'server.tab': 'Server',
    'server.connect': 'Connect to a server…',
  },
);
