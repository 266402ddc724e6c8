import { defineMessages } from '../i18n/define-messages.js';

/** The strings of the designer's simulation area (see defineMessages). */
export const simulationMessages = defineMessages(
  { 'simulation.placeholder': '–' },
  { 'simulation.placeholder': '–' },
);
