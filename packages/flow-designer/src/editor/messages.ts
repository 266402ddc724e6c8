import { defineMessages } from '../i18n/define-messages.js';

/** The strings of the editor's frame: side tabs, toolbar, palette, shortcuts. */
export const editorMessages = defineMessages(
  {
    'side.tabs': 'Panneaux',
    'side.inspector': 'Propriétés',
    'side.library': 'Bibliothèque',
    'side.problems': 'Problèmes',
    'side.testCall': 'Appel de test',
    'side.weekView': 'Semaine',
  },
  {
    'side.tabs': 'Panels',
    'side.inspector': 'Properties',
    'side.library': 'Library',
    'side.problems': 'Problems',
    'side.testCall': 'Test call',
    'side.weekView': 'Week',
  },
);
