import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { flowOf } from '../../test/fixtures.js';
import { findUsages, removeLibraryItem } from './usages.js';

const flow = flowOf({
  format: 'ringflow.flow/v1',
  id: 'uses',
  name: 'Uses',
  timezone: 'Europe/Paris',
  entry: 'hello',
  settings: { recording: { enabled: true, announcement: { tts: { text: 'Enregistré' }, music: 'piano' } } },
  agents: [{ id: 'alice', name: 'Alice', planning: 'office' }],
  groups: [{ id: 'sales', name: 'Ventes', members: ['alice'] }],
  schedules: [{ id: 'office', name: 'Bureau' }],
  sounds: [
    { id: 'piano', file: 'sounds/piano.mp3' },
    { id: 'hi', name: 'Bonjour', tts: { text: 'Bonjour' }, music: 'piano' },
  ],
  nodes: [
    {
      id: 'hello',
      kind: 'announcement',
      label: 'Accueil',
      config: { sound: { tts: { text: 'Oui' }, music: 'piano' } },
    },
    { id: 'ring', kind: 'ringGroup', config: { members: [{ group: 'sales' }, { agent: 'alice' }] } },
  ],
});

describe('where library items are used', () => {
  it('finds nodes through their kind’s references, and the library’s own references', () => {
    expect(findUsages(flow, 'sound', 'piano').map((usage) => usage.where)).toEqual([
      'node',
      'sound',
      'recording',
    ]);
    expect(findUsages(flow, 'agent', 'alice').map((usage) => usage.where)).toEqual(['node', 'group']);
    expect(findUsages(flow, 'group', 'sales')).toMatchObject([
      { where: 'node', nodeId: 'ring', label: undefined },
    ]);
    expect(findUsages(flow, 'schedule', 'office')).toEqual([{ where: 'agent', id: 'alice', name: 'Alice' }]);
    expect(findUsages(flow, 'sound', 'hi')).toEqual([]);
  });

  it('removes an item with the library’s references to it, leaving nodes for flow-core to report', () => {
    const next = produce(flow, (draft) => removeLibraryItem(draft, 'sound', 'piano'));
    expect(next.sounds).toEqual([{ id: 'hi', name: 'Bonjour', tts: { text: 'Bonjour' } }]);
    expect(next.nodes[0]?.config).toMatchObject({ sound: { music: 'piano' } });
    expect(next.settings.recording.announcement).toMatchObject({ music: 'piano' });
    const withoutOffice = produce(flow, (draft) => removeLibraryItem(draft, 'schedule', 'office'));
    expect(withoutOffice.agents[0]).toEqual({ id: 'alice', name: 'Alice' });
  });
});
