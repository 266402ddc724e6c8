import { describe, expect, it } from 'vitest';
import { drive, eventsOf, nodeFlow, outNode, portTaken, simulate } from '../../test/engine-harness.js';

const OFFICE = {
  id: 'office',
  name: 'Office',
  weekly: {
    mon: [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ],
    tue: [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ],
    wed: [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ],
    thu: [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ],
    fri: [
      ['09:00', '12:30'],
      ['14:00', '18:00'],
    ],
  },
  closures: [{ name: 'Christmas', date: '2026-12-25' }],
  specialHours: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
  publicHolidays: { country: 'FR' },
};

function hoursFlow(ports: string[] = ['open', 'closed', 'holiday']) {
  return nodeFlow('businessHours', { schedule: 'office' }, { schedules: [OFFICE], ports });
}

const at = (local: string) => ({ call: { at: `${local}+01:00` } });

describe('businessHours', () => {
  it('takes open during opening hours, and gives no reason to miss the call', () => {
    const { result } = simulate(hoursFlow(), at('2026-11-24T09:30:00'));
    expect(portTaken(result)).toBe('open');
    expect(result.path).toEqual(['n', outNode('open')]);
    expect(result.outcome).toBe('completed');
    expect(result.missedReason).toBeNull();
  });

  it.each([
    ['at lunch', '2026-11-24T13:00:00'],
    ['before opening', '2026-11-24T08:59:59'],
    ['at closing time (range ends are exclusive)', '2026-11-24T18:00:00'],
    ['on a Sunday', '2026-11-22T10:00:00'],
    ['on a special day, after its shortened hours', '2026-12-24T14:30:00'],
  ])('takes closed %s: the call is missed, closed', (_, local) => {
    const { result } = simulate(hoursFlow(), at(local));
    expect(portTaken(result)).toBe('closed');
    expect(result.path).toEqual(['n', outNode('closed')]);
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('closed');
  });

  it.each([
    ['on a closure', '2026-12-25T10:00:00'],
    ['on a public holiday (11 November)', '2026-11-11T10:00:00'],
  ])('takes holiday %s, when wired', (_, local) => {
    const { result } = simulate(hoursFlow(), at(local));
    expect(portTaken(result)).toBe('holiday');
    expect(result.path).toEqual(['n', outNode('holiday')]);
    expect(result.missedReason).toBe('closed');
  });

  it('falls back to the closed branch on a holiday when holiday is not wired', () => {
    const { result } = simulate(hoursFlow(['open', 'closed']), at('2026-12-25T10:00:00'));
    expect(portTaken(result)).toBe('holiday');
    expect(result.path).toEqual(['n', outNode('closed')]);
    expect(result.outcome).toBe('missed');
    expect(result.missedReason).toBe('closed');
  });

  it('hangs up when neither holiday nor closed is wired', () => {
    const { result } = simulate(hoursFlow(['open']), at('2026-12-25T10:00:00'));
    expect(result.path).toEqual(['n']);
    expect(result.outcome).toBe('missed');
  });

  it('decides at the instant of the call, in the schedule’s time zone', () => {
    // 08:30 in Paris is 09:30 in Helsinki: open there.
    const flow = nodeFlow(
      'businessHours',
      { schedule: 'helsinki' },
      {
        schedules: [{ ...OFFICE, id: 'helsinki', timezone: 'Europe/Helsinki', publicHolidays: undefined }],
        ports: ['open', 'closed', 'holiday'],
      },
    );
    expect(portTaken(simulate(flow, at('2026-11-24T08:30:00')).result)).toBe('open');
    expect(portTaken(simulate(hoursFlow(), at('2026-11-24T08:30:00')).result)).toBe('closed');
  });

  it('logs the decision and the rule that made it', () => {
    const { result } = simulate(hoursFlow(), at('2026-12-25T10:00:00'));
    expect(eventsOf(result, 'schedule.checked')).toMatchObject([
      { node: 'n', schedule: 'office', status: 'holiday', rule: 'closure' },
    ]);
  });

  it('sends no command of its own and does not answer the call', () => {
    const driver = drive(hoursFlow());
    expect(driver.begin()).toEqual([{ type: 'hangup', cause: 'normal' }]);
  });
});
