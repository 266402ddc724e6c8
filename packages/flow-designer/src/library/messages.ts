import { defineMessages } from '../i18n/define-messages.js';

/** The strings of the designer's library area (see defineMessages). */
export const libraryMessages = defineMessages({ 'library.placeholder': '–' }, { 'library.placeholder': '–' });
