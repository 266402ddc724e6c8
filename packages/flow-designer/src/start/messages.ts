import { defineMessages } from '../i18n/define-messages.js';

/** The strings of the designer's start area (see defineMessages). */
export const startMessages = defineMessages({ 'start.placeholder': '–' }, { 'start.placeholder': '–' });
