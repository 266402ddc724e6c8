import { describe, expect, it } from 'vitest';
import {
  drive,
  eventsOf,
  nodeFlow,
  outNode,
  portTaken,
  simulate,
  type TestScenario,
} from '../../test/engine-harness.js';

const AGENTS = [{ id: 'alice' }, { id: 'bob' }, { id: 'carol', planning: 'carol-hours' }];
const GROUPS = [{ id: 'team', members: ['alice', 'bob'] }];
// Carol works Tuesday afternoons; the default test call is on a Tuesday at 09:30 (Paris).
const SCHEDULES = [{ id: 'carol-hours', name: 'Carol', weekly: { tue: [['14:00', '18:00']] } }];
const EXTERNAL = '+33699999999';

function conditionFlow(config: Record<string, unknown>) {
  return nodeFlow('agentCondition', config, {
    agents: AGENTS,
    groups: GROUPS,
    schedules: SCHEDULES,
    ports: ['true', 'false'],
  });
}

const all = [{ agent: 'alice' }, { agent: 'bob' }, { agent: 'carol' }];
const agents = (statuses: Record<string, string>): TestScenario =>
  ({
    agents: Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, { status }])),
  }) as TestScenario;

describe('agentCondition: allUnavailable', () => {
  it('is true when every member is unavailable, for any reason', () => {
    // alice offline (absent), bob snoozed, carol available but outside her planning.
    const { result } = simulate(
      conditionFlow({ members: all, when: 'allUnavailable' }),
      agents({ bob: 'snooze', carol: 'available' }),
    );
    expect(portTaken(result)).toBe('true');
    expect(result.path).toEqual(['n', outNode('true')]);
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('noAgentAvailable');
  });

  it('is false when one member is available', () => {
    const { result } = simulate(
      conditionFlow({ members: all, when: 'allUnavailable' }),
      agents({ bob: 'available' }),
    );
    expect(portTaken(result)).toBe('false');
    expect(result.missedReason).toBeNull();
    expect(result.outcome).toBe('completed');
  });

  it('counts an agent in a call as unavailable', () => {
    const { result } = simulate(
      conditionFlow({ members: [{ agent: 'alice' }], when: 'allUnavailable' }),
      agents({ alice: 'inCall' }),
    );
    expect(portTaken(result)).toBe('true');
  });

  it('reads plannings at the instant of the call', () => {
    const flow = conditionFlow({ members: [{ agent: 'carol' }], when: 'allUnavailable' });
    const morning = simulate(flow, {
      ...agents({ carol: 'available' }),
      call: { at: '2026-11-24T09:30:00+01:00' },
    });
    const afternoon = simulate(flow, {
      ...agents({ carol: 'available' }),
      call: { at: '2026-11-24T15:00:00+01:00' },
    });
    expect(portTaken(morning.result)).toBe('true');
    expect(portTaken(afternoon.result)).toBe('false');
  });
});

describe('agentCondition: anyAvailable', () => {
  it('is true when at least one member is available', () => {
    const { result } = simulate(
      conditionFlow({ members: all, when: 'anyAvailable' }),
      agents({ alice: 'available', bob: 'offline' }),
    );
    expect(portTaken(result)).toBe('true');
  });

  it('is false when nobody is available, and then nobody available is the reason the call is missed', () => {
    const { result } = simulate(
      conditionFlow({ members: all, when: 'anyAvailable' }),
      agents({ alice: 'snooze' }),
    );
    expect(portTaken(result)).toBe('false');
    expect(result.missedReason).toBe('noAgentAvailable');
  });
});

describe('agentCondition: unavailableMeans', () => {
  it('counts only the listed reasons: a snoozed agent is available when snooze is not listed', () => {
    const flow = conditionFlow({
      members: [{ agent: 'alice' }],
      when: 'allUnavailable',
      unavailableMeans: ['offline', 'inCall'],
    });
    expect(portTaken(simulate(flow, agents({ alice: 'snooze' })).result)).toBe('false');
    expect(portTaken(simulate(flow, agents({ alice: 'inCall' })).result)).toBe('true');
    expect(portTaken(simulate(flow, agents({})).result)).toBe('true');
  });

  it('an agent outside their planning is available when outOfPlanning is not listed', () => {
    const flow = conditionFlow({
      members: [{ agent: 'carol' }],
      when: 'anyAvailable',
      unavailableMeans: ['offline', 'snooze', 'inCall'],
    });
    expect(portTaken(simulate(flow, agents({ carol: 'available' })).result)).toBe('true');
  });

  it('with nothing listed, every member counts as available, even offline', () => {
    const flow = conditionFlow({ members: [{ agent: 'alice' }], when: 'anyAvailable', unavailableMeans: [] });
    expect(portTaken(simulate(flow, {}).result)).toBe('true');
  });
});

describe('agentCondition: members', () => {
  it('counts external numbers as available', () => {
    const flow = conditionFlow({
      members: [{ agent: 'alice' }, { number: EXTERNAL }],
      when: 'allUnavailable',
    });
    const { result } = simulate(flow, {});
    expect(portTaken(result)).toBe('false');
    expect(eventsOf(result, 'condition.evaluated')).toMatchObject([
      { available: 1, members: 2, value: false },
    ]);
  });

  it('expands groups, without duplicates', () => {
    const flow = conditionFlow({ members: [{ group: 'team' }, { agent: 'alice' }], when: 'anyAvailable' });
    const { result } = simulate(flow, agents({ bob: 'available' }));
    expect(portTaken(result)).toBe('true');
    expect(eventsOf(result, 'condition.evaluated')).toMatchObject([
      { available: 1, members: 2, value: true },
    ]);
  });

  it('reads each member’s presence once, at the instant the call enters, and sends no command', () => {
    const driver = drive(conditionFlow({ members: [{ group: 'team' }], when: 'allUnavailable' }), {
      presences: { bob: 'available' },
    });
    expect(driver.begin()).toEqual([{ type: 'hangup', cause: 'normal' }]);
    expect(driver.reads).toEqual([
      { agent: 'alice', t: 0 },
      { agent: 'bob', t: 0 },
    ]);
    expect(driver.result().path).toEqual(['n', outNode('false')]);
  });
});
