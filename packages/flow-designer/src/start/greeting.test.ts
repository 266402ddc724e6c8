import { parseFlow, serializeFlow, simulateCall, validateFlow, WEEKDAYS } from '@ringflow/flow-core';
import type { FlowDocument, TimeRange, Weekday } from '@ringflow/flow-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGreeting,
  defaultClosedMessage,
  defaultGreetingOptions,
  describeHours,
  greetingFlow,
  normalizePhoneNumber,
} from './greeting.js';
import type { GreetingOptions } from './greeting.js';
import { slugId, uniqueId } from './ids.js';

const USERS = [
  { name: 'Léa Fontaine', extension: '101' },
  { name: 'Hugo Mercier', extension: '102', number: '+33639980102' },
  { name: 'Inès Benali' },
];

function options(change: Partial<GreetingOptions> = {}): GreetingOptions {
  return { ...defaultGreetingOptions(), users: USERS, ...change };
}

/** Every error and warning flow-core reports, as `code at path`, for a readable failure. */
function problems(flow: FlowDocument): string[] {
  const report = validateFlow(flow);
  return [...report.errors, ...report.warnings].map((i) => `${i.code} at ${JSON.stringify(i.path)}`);
}

/** A call at a Paris wall-clock time (November: UTC+1); everybody available, the first user answers. */
function call(
  flow: FlowDocument,
  local: string,
  numbers: Record<string, { answerAfterSeconds: number }> = {},
) {
  const agents = Object.fromEntries(
    flow.agents.map((agent, index) => [
      agent.id,
      index === 0
        ? { status: 'available' as const, answerAfterSeconds: 2 }
        : { status: 'available' as const, answer: 'never' as const },
    ]),
  );
  return simulateCall(flow, {
    call: { from: '+33612345678', to: '+33180000000', at: `${local}+01:00` },
    agents,
    numbers,
  });
}

describe('greetingFlow', () => {
  const variants: [string, Partial<GreetingOptions>][] = [
    ['the defaults (cascade, voicemail, closed message)', {}],
    ['simultaneous, no repeat', { strategy: 'simultaneous', repeat: 0 }],
    [
      'forward when closed, with a notice',
      { closed: { action: 'forward', number: '+33639980100', message: 'Fermé.' } },
    ],
    [
      'forward when closed, no notice',
      { closed: { action: 'forward', number: '+33639980100', message: ' ' } },
    ],
    ['hang up with a message when nobody answers', { noAnswer: { action: 'hangup', message: 'Au revoir.' } }],
    [
      'hang up silently',
      { noAnswer: { action: 'hangup', message: '' }, closed: { action: 'message', message: '' } },
    ],
    ['voicemail without a greeting', { noAnswer: { action: 'voicemail', message: '' } }],
    ['no welcome message', { welcome: '' }],
    ['background music', { music: 'sounds/attente.mp3' }],
    ['no public holidays', { holidays: undefined }],
    ['Belgian holidays', { holidays: 'BE' }],
    ['English messages', { ...defaultGreetingOptions('en-GB'), users: USERS }],
    ['one user', { users: [{ name: 'Seul' }] }],
  ];

  it.each(variants)('%s: flow-core reports no error and no warning', (_, change) => {
    const flow = greetingFlow(options(change));
    expect(problems(flow)).toEqual([]);
  });

  it.each(variants)('%s: the document is what flow-core parses, with every default written', (_, change) => {
    const flow = greetingFlow(options(change));
    const parsed = parseFlow(flow);
    expect(parsed.ok && parsed.flow).toEqual(flow);
    expect(JSON.parse(serializeFlow(flow))).toEqual(flow);
  });

  it.each(variants)('%s: nodes on the 40 px grid, columns 320 px apart, left to right', (_, change) => {
    const flow = greetingFlow(options(change));
    for (const node of flow.nodes) {
      expect(node.position.x % 320).toBe(0);
      expect(node.position.y % 40).toBe(0);
    }
    // Left to right: every edge leads to a column further right.
    const x = new Map(flow.nodes.map((node) => [node.id, node.position.x]));
    for (const edge of flow.edges) expect(x.get(edge.target)).toBeGreaterThan(x.get(edge.source)!);
    // No two nodes at the same place.
    expect(new Set(flow.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(flow.nodes.length);
    const entry = flow.nodes.find((node) => node.id === flow.entry)!;
    expect(entry.position).toEqual({ x: 0, y: 0 });
  });

  it('answers a weekday call at 10:00 with the first user, in cascade and simultaneously', () => {
    for (const strategy of ['cascade', 'simultaneous'] as const) {
      const flow = greetingFlow(options({ strategy }));
      const result = call(flow, '2026-11-24T10:00:00');
      expect(result.outcome).toBe('answered');
      expect(result.answeredBy).toBe('lea-fontaine');
      expect(result.path).toEqual(['accueil', 'horaires', 'sonnerie']);
    }
  });

  it('sends a Sunday call to the closed branch: the closed message, then hang up', () => {
    const flow = greetingFlow(options());
    const result = call(flow, '2026-11-22T10:00:00');
    expect(result.path).toEqual(['accueil', 'horaires', 'ferme']);
    expect(result.missedReason).toBe('closed');
    expect(result.legs).toEqual([]);
  });

  it('forwards a Sunday call to the on-call number', () => {
    const flow = greetingFlow(
      options({ closed: { action: 'forward', number: '+33639980100', message: 'Fermé.' } }),
    );
    const result = call(flow, '2026-11-22T10:00:00', { '+33639980100': { answerAfterSeconds: 3 } });
    expect(result.outcome).toBe('forwarded');
    expect(result.path).toEqual(['accueil', 'horaires', 'annonce-astreinte', 'astreinte']);
  });

  it('closes on French public holidays (11 November 2026 is a Wednesday)', () => {
    const flow = greetingFlow(options());
    expect(call(flow, '2026-11-11T10:00:00').path).toEqual(['accueil', 'horaires', 'ferme']);
    const noHolidays = greetingFlow(options({ holidays: undefined }));
    expect(call(noHolidays, '2026-11-11T10:00:00').outcome).toBe('answered');
  });

  it('closes at lunchtime and after hours', () => {
    const flow = greetingFlow(options());
    expect(call(flow, '2026-11-24T12:30:00').path.at(-1)).toBe('ferme');
    expect(call(flow, '2026-11-24T18:00:00').path.at(-1)).toBe('ferme');
    expect(call(flow, '2026-11-24T14:00:00').outcome).toBe('answered');
  });

  it('takes a voicemail when nobody answers, after ringing every user in turn', () => {
    const flow = greetingFlow(options({ repeat: 0 }));
    const result = simulateCall(flow, {
      call: { from: '+33612345678', to: '+33180000000', at: '2026-11-24T10:00:00+01:00' },
      agents: Object.fromEntries(flow.agents.map((a) => [a.id, { status: 'available', answer: 'never' }])),
    });
    expect(result.outcome).toBe('voicemail');
    expect(result.legs.map((leg) => [leg.agent, leg.status])).toEqual([
      ['lea-fontaine', 'NO_ANSWER'],
      ['hugo-mercier', 'NO_ANSWER'],
      ['ines-benali', 'NO_ANSWER'],
    ]);
  });

  it('keeps the id of agents picked from an open flow and names new ones uniquely', () => {
    const flow = greetingFlow(
      options({
        users: [{ id: 'lea', name: 'Léa' }, { name: 'Léa' }, { name: 'Léa' }, { name: '' }, { name: '42' }],
      }),
    );
    expect(flow.agents.map((a) => a.id)).toEqual([
      'lea',
      'lea-2',
      'lea-3',
      'utilisateur-4',
      'utilisateur-5-42',
    ]);
  });

  it('points each problem of a bad answer at its form field', () => {
    const build = buildGreeting(
      options({
        name: '',
        users: [
          { name: 'A', extension: '1' },
          { name: 'B', number: '0612' },
        ],
        hours: {
          ...options().hours,
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        closed: { action: 'forward', number: 'abc', message: '' },
        music: 'musique.txt',
        ringSeconds: 1,
        holidays: 'ZZ',
      }),
    );
    const report = validateFlow(build.flow);
    const fields = report.errors.map((issue) => build.fieldOf(issue.path));
    expect(new Set(fields)).toEqual(
      new Set(['name', 'user-0-extension', 'user-1-number', 'closedNumber', 'music', 'ringSeconds']),
    );
    // The schedule is checked once the document parses.
    const hours = buildGreeting(
      options({
        hours: {
          ...options().hours,
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        holidays: 'ZZ',
      }),
    );
    const scheduleFields = validateFlow(hours.flow).errors.map((issue) => hours.fieldOf(issue.path));
    expect(new Set(scheduleFields)).toEqual(new Set(['hours-mon', 'holidays']));
    expect(buildGreeting(options({ users: [] })).fieldOf(['nodes', 2, 'config', 'members'])).toBe('users');
  });
});

describe('greetingFlow for any sensible answers (property)', () => {
  const time = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  // Zero to two ranges of a day, in order and apart, on 15-minute steps.
  const day = fc
    .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 4 })
    .map((marks) => marks.sort((a, b) => a - b))
    .map((marks) => {
      const ranges: TimeRange[] = [];
      for (let i = 0; i + 1 < marks.length; i += 2)
        ranges.push([time(marks[i]! * 15), time(marks[i + 1]! * 15)]);
      return ranges;
    });
  const text = fc.oneof(
    fc.constant(''),
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.constant('Bonjour à tous'),
  );
  const user = fc.record({
    name: fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''),
      fc.constantFrom('Léa', 'Émile Zola', '李雷'),
    ),
    number: fc.option(fc.constantFrom('+33639980101', '+41791234567', '+12025550123'), { nil: undefined }),
  });
  const answers = fc.record({
    name: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
    language: fc.constantFrom('fr-FR', 'en-GB', 'fr-BE'),
    welcome: text,
    music: fc.option(fc.constantFrom('sounds/musique.mp3', 'attente.wav'), { nil: undefined }),
    users: fc.array(user, { minLength: 1, maxLength: 6 }),
    strategy: fc.constantFrom('simultaneous' as const, 'cascade' as const),
    ringSeconds: fc.integer({ min: 5, max: 300 }),
    repeat: fc.integer({ min: 0, max: 10 }),
    hours: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<Weekday, typeof day>),
    holidays: fc.option(fc.constantFrom('FR', 'BE', 'CH', 'DE'), { nil: undefined }),
    closed: fc.oneof(
      fc.record({
        action: fc.constant('forward' as const),
        number: fc.constant('+33639980100'),
        message: text,
      }),
      fc.record({ action: fc.constant('message' as const), message: text }),
    ),
    noAnswer: fc.oneof(
      fc.record({ action: fc.constant('voicemail' as const), message: text }),
      fc.record({ action: fc.constant('hangup' as const), message: text }),
    ),
  });

  it('generates flows flow-core validates with no error and no warning', () => {
    fc.assert(
      fc.property(answers, (answer) => {
        // Users get distinct extensions, as the form's users would.
        const users = answer.users.map((u, i) => ({ ...u, extension: String(100 + i) }));
        const flow = greetingFlow({ ...answer, timezone: 'Europe/Paris', users });
        expect(problems(flow)).toEqual([]);
        expect(flow.agents).toHaveLength(users.length);
        expect(new Set(flow.agents.map((a) => a.id)).size).toBe(users.length);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a call at the start of an opening range with the first user', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...WEEKDAYS), (answer, weekday) => {
        const range = answer.hours[weekday][0];
        fc.pre(range !== undefined && range[0] < range[1]);
        const flow = greetingFlow({ ...answer, timezone: 'Europe/Paris' });
        // 16 to 22 November 2026 is a week without public holidays in these countries.
        const date = `2026-11-${16 + WEEKDAYS.indexOf(weekday)}`;
        const result = call(flow, `${date}T${range![0]}:00`);
        expect(result.outcome).toBe('answered');
        expect(result.answeredBy).toBe(flow.agents[0]!.id);
      }),
      { numRuns: 60 },
    );
  });
});

describe('helpers', () => {
  it('describes the opening hours for the closed message', () => {
    const hours = defaultGreetingOptions().hours;
    expect(describeHours(hours, 'fr-FR')).toBe(
      'Nous vous accueillons du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h. ',
    );
    expect(describeHours({ ...hours, sat: [['09:30', '12:00']] }, 'en-GB')).toBe(
      'We are open Monday to Friday from 9:00 to 12:00 and from 14:00 to 18:00 and on Saturday from 9:30 to 12:00. ',
    );
    const never = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(defaultClosedMessage(never, 'fr-FR')).toBe(
      'Nous sommes actuellement fermés. Merci de votre appel, et à bientôt.',
    );
  });

  it('reads phone numbers as people type them', () => {
    expect(normalizePhoneNumber('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhoneNumber('0041 79 123 45 67')).toBe('+41791234567');
    expect(normalizePhoneNumber('+33 6.12.34.56.78')).toBe('+33612345678');
    expect(normalizePhoneNumber('12')).toBe('12');
  });

  it('makes ids from names', () => {
    expect(slugId('Boulangerie Lefèvre & Fils', 'flux')).toBe('boulangerie-lefevre-fils');
    expect(slugId('  ', 'flux')).toBe('flux');
    expect(slugId('2 rue Haute', 'flux')).toBe('flux-2-rue-haute');
    expect(slugId('x'.repeat(100), 'flux')).toHaveLength(56);
    expect(uniqueId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
