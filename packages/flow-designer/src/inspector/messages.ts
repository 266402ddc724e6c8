import { defineMessages } from '../i18n/define-messages.js';

/** The strings of the designer's inspector area (see defineMessages). */
export const inspectorMessages = defineMessages(
  { 'inspector.placeholder': '–' },
  { 'inspector.placeholder': '–' },
);
