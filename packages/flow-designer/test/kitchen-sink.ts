import { flowOf } from './fixtures.js';

const node = (id: string, kind: string, config: object, x: number) => ({
  id,
  kind,
  label: `Nœud ${id}`,
  position: { x, y: 0 },
  config,
});

/** One node of every kind, with configs whose summaries the tests can read. */
export const kitchenSink = flowOf({
  format: 'ringflow.flow/v1',
  id: 'kitchen-sink',
  name: 'Tous les nœuds',
  timezone: 'Europe/Paris',
  locale: 'fr-FR',
  entry: 'annonce',
  agents: [
    { id: 'lea', name: 'Léa Fontaine', extension: '101' },
    { id: 'hugo', name: 'Hugo Mercier', extension: '102' },
  ],
  schedules: [
    {
      id: 'bureau',
      name: 'Bureau',
      weekly: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '18:00']],
        sat: [],
        sun: [],
      },
    },
  ],
  sounds: [{ id: 'bienvenue', tts: { text: 'Bonjour et bienvenue' } }],
  nodes: [
    node('annonce', 'announcement', { sound: 'bienvenue' }, 0),
    node(
      'menu',
      'menu',
      {
        prompt: { tts: { text: 'Tapez 1 pour les ventes' } },
        options: { '#': { label: 'Répéter' }, '0': { label: 'Standard' }, '1': { label: 'Ventes' } },
      },
      300,
    ),
    node('horaires', 'businessHours', { schedule: 'bureau' }, 600),
    node(
      'sonnerie',
      'ringGroup',
      {
        members: [{ agent: 'lea' }, { agent: 'hugo' }, { number: '+33612345678', label: 'Astreinte' }],
        strategy: 'cascade',
        ringSeconds: 15,
        repeat: 2,
      },
      900,
    ),
    node('dispo', 'agentCondition', { members: [{ agent: 'lea' }], when: 'anyAvailable' }, 1200),
    node('appelant', 'callerMatch', { numbers: ['+3361*'], vip: true }, 1500),
    node('sondage', 'poll', { id: 'satisfaction', questions: [{ id: 'q1', prompt: 'bienvenue' }] }, 1800),
    node('messagerie', 'voicemail', { mailbox: 'accueil', maxSeconds: 60 }, 2100),
    node('transfert', 'forward', { number: '+33699999999' }, 2400),
    node('fin', 'hangup', {}, 2700),
  ],
  edges: [],
});
