/*
 * What the server area loads on demand, as one chunk: the session, its client, the toolbar's and
 * the Server tab's contents, the dialogs and the area's strings. A designer without a server loads
 * none of it; one connected loads it once (one chunk, rather than one per part, also keeps the
 * first load's own chunks as they were).
 */
export { ConnectedStatus } from './ConnectedStatus.js';
export { ServerDialogs } from './ServerDialogs.js';
export { ServerNotice } from './ServerNotice.js';
export { ServerPanel } from './ServerPanel.js';
export { SessionRunner } from './SessionRunner.js';
