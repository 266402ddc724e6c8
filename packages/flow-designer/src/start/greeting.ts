import { FLOW_FORMAT, WEEKDAYS } from '@ringflow/flow-core';
import type {
  Agent,
  FlowDocument,
  FlowEdge,
  FlowNode,
  JsonPath,
  LibrarySound,
  LocalizedText,
  Schedule,
  TimeRange,
  Weekday,
} from '@ringflow/flow-core';
import { slugId, uniqueId } from './ids.js';

/**
 * The greeting quick form's model: what the commercial products call a "Greeting" (a shop-window
 * number whose call loop rings chosen users, simultaneously or in cascade, during opening hours,
 * with an on-call number or a message when closed), turned into a complete ringflow flow that
 * flow-core validates with no error and no warning.
 */

/** A user rung by the greeting: a new one, or an agent picked from the open flow (its id kept). */
export interface GreetingUser {
  readonly id?: string;
  readonly name: string;
  /** Internal extension, 2 to 8 digits. */
  readonly extension?: string;
  /** Mobile or direct number, E.164. */
  readonly number?: string;
}

/** What happens outside opening hours (and on public holidays). */
export type GreetingClosed =
  /** Forwards the call to the on-call number, after an optional notice. */
  | { readonly action: 'forward'; readonly number: string; readonly message: string }
  /** Plays a message (optional) and hangs up. */
  | { readonly action: 'message'; readonly message: string };

/** What happens when nobody answers (or nobody can be rung). */
export type GreetingNoAnswer =
  /** Records a message in the line's mailbox, after an optional greeting. */
  | { readonly action: 'voicemail'; readonly message: string }
  /** Plays a message (optional) and hangs up. */
  | { readonly action: 'hangup'; readonly message: string };

/** Everything the greeting quick form asks. Texts are used as typed (trimmed); empty means none. */
export interface GreetingOptions {
  /** Name of the flow. */
  readonly name: string;
  /** Id of the flow; by default made from the name. */
  readonly id?: string;
  /** IANA time zone of the opening hours. */
  readonly timezone: string;
  /** Language of the messages (text to speech), such as `fr-FR`; also the flow's locale. */
  readonly language: string;
  /** Welcome message; empty: the call goes straight to the opening hours. */
  readonly welcome: string;
  /** Background music under the welcome message: a sound file path such as `sounds/music.mp3`. */
  readonly music?: string;
  readonly users: readonly GreetingUser[];
  readonly strategy: 'simultaneous' | 'cascade';
  /** Ring time: of each user in cascade, of each round when simultaneous. */
  readonly ringSeconds: number;
  /** Extra rounds of the whole sequence. */
  readonly repeat: number;
  /** Opening hours, by day; a day with no range is closed. */
  readonly hours: Readonly<Record<Weekday, readonly TimeRange[]>>;
  /** Country whose public holidays close the line (`FR`); undefined: none. */
  readonly holidays?: string;
  readonly closed: GreetingClosed;
  readonly noAnswer: GreetingNoAnswer;
}

/** The form field a problem of the generated flow is about, so the form can point at it. */
export type GreetingField =
  | 'name'
  | 'timezone'
  | 'language'
  | 'welcome'
  | 'music'
  | 'users'
  | `user-${number}-${'name' | 'extension' | 'number'}`
  | 'strategy'
  | 'ringSeconds'
  | 'repeat'
  | `hours-${Weekday}`
  | 'holidays'
  | 'closedNumber'
  | 'closedMessage'
  | 'noAnswerMessage';

/** The generated flow, and where each part of it came from in the form. */
export interface GreetingBuild {
  readonly flow: FlowDocument;
  /** The form field behind a path of the flow (a flow-core issue's path), when there is one. */
  fieldOf(path: JsonPath | undefined): GreetingField | undefined;
}

/** Language of the names written into the flow (labels, sound names, ids). */
type Lang = 'fr' | 'en';

const say = (lang: Lang, text: LocalizedText): string => text[lang];

/** Ids and names of what the generator writes into the flow, in the flow's language. */
const PARTS = {
  welcome: { id: { fr: 'accueil', en: 'welcome' }, name: { fr: 'Message d’accueil', en: 'Welcome message' } },
  hours: { id: { fr: 'horaires', en: 'hours' }, name: { fr: 'Horaires d’ouverture ?', en: 'Open?' } },
  ring: { id: { fr: 'sonnerie', en: 'ring' }, name: { fr: 'Boucle d’appel', en: 'Call loop' } },
  onCallNotice: {
    id: { fr: 'annonce-astreinte', en: 'on-call-notice' },
    name: { fr: 'Annonce de l’astreinte', en: 'On-call notice' },
  },
  onCall: { id: { fr: 'astreinte', en: 'on-call' }, name: { fr: 'Astreinte', en: 'On call' } },
  closed: { id: { fr: 'ferme', en: 'closed' }, name: { fr: 'Fermé', en: 'Closed' } },
  voicemail: {
    id: { fr: 'messagerie', en: 'voicemail' },
    name: { fr: 'Messagerie vocale', en: 'Voicemail' },
  },
  unavailable: {
    id: { fr: 'indisponible', en: 'unavailable' },
    name: { fr: 'Personne de disponible', en: 'Nobody available' },
  },
  music: { id: { fr: 'musique', en: 'music' }, name: { fr: 'Musique de fond', en: 'Background music' } },
  schedule: {
    id: { fr: 'horaires-ouverture', en: 'opening-hours' },
    name: { fr: 'Horaires d’ouverture', en: 'Opening hours' },
  },
  mailbox: { id: { fr: 'accueil', en: 'main' }, name: { fr: '', en: '' } },
  user: { id: { fr: 'utilisateur', en: 'user' }, name: { fr: '', en: '' } },
  flow: { id: { fr: 'accueil', en: 'greeting' }, name: { fr: '', en: '' } },
} as const satisfies Record<string, { id: LocalizedText; name: LocalizedText }>;

/**
 * Nodes are laid out left to right on a 40 px grid: columns 320 px apart; the closed branch runs
 * under the open one, low enough to clear the call loop, which grows with its list of users.
 */
export const GREETING_LAYOUT = { column: 320, grid: 40 } as const;

/** How far below the open branch the closed branch runs, for a call loop of `users` users. */
function closedRowY(users: number): number {
  const height = Math.max(240, 140 + 24 * users);
  return Math.ceil(height / GREETING_LAYOUT.grid) * GREETING_LAYOUT.grid;
}

/** The default texts of the form, in the language of the messages. */
export const GREETING_TEXTS = {
  name: { fr: 'Standard téléphonique', en: 'Main line' },
  welcome: {
    fr: 'Bonjour et bienvenue. Nous recherchons un interlocuteur disponible, merci de patienter quelques instants.',
    en: 'Hello and welcome. We are looking for someone to take your call, please hold on for a moment.',
  },
  onCallNotice: {
    fr: 'Nous sommes actuellement fermés. Nous transférons votre appel à notre collaborateur d’astreinte, merci de patienter.',
    en: 'We are closed at the moment. We are putting you through to our on-call colleague, please hold.',
  },
  closed: {
    fr: 'Nous sommes actuellement fermés. {hours}Merci de votre appel, et à bientôt.',
    en: 'We are closed at the moment. {hours}Thank you for calling, goodbye.',
  },
  voicemail: {
    fr: 'Nous ne pouvons pas vous répondre pour le moment. Laissez-nous votre message après le bip sonore, nous vous rappellerons au plus vite.',
    en: 'We cannot take your call right now. Please leave a message after the tone and we will call you back as soon as possible.',
  },
  hangup: {
    fr: 'Tous nos collaborateurs sont occupés. Merci de nous rappeler un peu plus tard.',
    en: 'All our colleagues are busy. Please call us back a little later.',
  },
} as const satisfies Record<string, LocalizedText>;

/** The language the flow's names are written in, from the language of its messages. */
export function greetingLang(language: string): Lang {
  return language.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const DAY_NAMES: Readonly<Record<Lang, Readonly<Record<Weekday, string>>>> = {
  fr: {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  },
  en: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

/** `09:00` read aloud: `9 h`, `9 h 30` in French; `9:00`, `9:30` in English. */
function spokenTime(time: string, lang: Lang): string {
  const [h, m] = time.split(':') as [string, string];
  const hours = String(Number(h));
  if (lang === 'en') return `${hours}:${m}`;
  return m === '00' ? `${hours} h` : `${hours} h ${m}`;
}

/**
 * The opening hours as a sentence for the closed message: days with the same hours are grouped
 * (`Nous vous accueillons du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h. `). Empty when the
 * line is never open.
 */
export function describeHours(hours: GreetingOptions['hours'], language: string): string {
  const lang = greetingLang(language);
  const key = (day: Weekday) => JSON.stringify(hours[day]);
  const runs: { from: Weekday; to: Weekday }[] = [];
  for (const day of WEEKDAYS) {
    if (hours[day].length === 0) continue;
    const last = runs.at(-1);
    const previous = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
    if (last !== undefined && previous === last.to && key(previous) === key(day)) last.to = day;
    else runs.push({ from: day, to: day });
  }
  if (runs.length === 0) return '';
  const days = DAY_NAMES[lang];
  const parts = runs.map(({ from, to }) => {
    const ranges = hours[from].map(([start, end]) =>
      lang === 'fr'
        ? `de ${spokenTime(start, lang)} à ${spokenTime(end, lang)}`
        : `from ${spokenTime(start, lang)} to ${spokenTime(end, lang)}`,
    );
    const joined = ranges.join(lang === 'fr' ? ' et ' : ' and ');
    if (from === to) return lang === 'fr' ? `le ${days[from]} ${joined}` : `on ${days[from]} ${joined}`;
    return lang === 'fr'
      ? `du ${days[from]} au ${days[to]} ${joined}`
      : `${days[from]} to ${days[to]} ${joined}`;
  });
  const last = parts.pop()!;
  const list = parts.length === 0 ? last : `${parts.join(', ')}${lang === 'fr' ? ' et ' : ' and '}${last}`;
  return lang === 'fr' ? `Nous vous accueillons ${list}. ` : `We are open ${list}. `;
}

/** The default closed message for these hours. */
export function defaultClosedMessage(hours: GreetingOptions['hours'], language: string): string {
  return GREETING_TEXTS.closed[greetingLang(language)].replace('{hours}', describeHours(hours, language));
}

/**
 * A phone number as people type it, made E.164 where that is unambiguous: spaces, dots, dashes and
 * brackets dropped, `00` read as `+`, and a French national number (`06 12 34 56 78`) given its
 * `+33`. Anything else is returned as typed, and flow-core says what is wrong with it.
 */
export function normalizePhoneNumber(typed: string): string {
  const compact = typed.trim().replace(/[\s.\-()]/g, '');
  if (/^00[1-9]\d+$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  return compact === '' ? typed.trim() : compact;
}

/** The default answers of the form, in the language of the messages. */
export function defaultGreetingOptions(language = 'fr-FR'): GreetingOptions {
  const lang = greetingLang(language);
  const weekday: TimeRange[] = [
    ['09:00', '12:00'],
    ['14:00', '18:00'],
  ];
  const hours = { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] };
  return {
    name: GREETING_TEXTS.name[lang],
    timezone: 'Europe/Paris',
    language,
    welcome: GREETING_TEXTS.welcome[lang],
    users: [],
    strategy: 'cascade',
    ringSeconds: 20,
    repeat: 1,
    hours,
    holidays: 'FR',
    closed: { action: 'message', message: defaultClosedMessage(hours, language) },
    noAnswer: { action: 'voicemail', message: GREETING_TEXTS.voicemail[lang] },
  };
}

/** Builds the greeting flow: see {@link greetingFlow}; also says which field each part came from. */
export function buildGreeting(options: GreetingOptions): GreetingBuild {
  const lang = greetingLang(options.language);
  const id = (part: keyof typeof PARTS) => say(lang, PARTS[part].id);
  const name = (part: keyof typeof PARTS) => say(lang, PARTS[part].name);

  const sounds: LibrarySound[] = [];
  const soundFields = new Map<string, GreetingField>();
  /** Adds a TTS sound to the library; returns its id, or undefined for an empty text. */
  const speech = (part: keyof typeof PARTS, text: string, field: GreetingField, music?: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    sounds.push({
      id: id(part),
      name: name(part),
      tts: { text: trimmed, language: options.language },
      ...(music === undefined ? {} : { music }),
    });
    soundFields.set(id(part), field);
    return id(part);
  };

  // Users: agents kept with their id when picked from an open flow, else named after the user.
  const taken = new Set(options.users.flatMap((user) => (user.id === undefined ? [] : [user.id])));
  const agents: Agent[] = options.users.map((user, index) => {
    const extension = user.extension?.trim() ?? '';
    const number = user.number?.trim() ?? '';
    let agentId = user.id;
    if (agentId === undefined) {
      agentId = uniqueId(slugId(user.name, `${id('user')}-${index + 1}`), taken);
      taken.add(agentId);
    }
    return {
      id: agentId,
      name: user.name.trim(),
      ...(extension === '' ? {} : { extension }),
      ...(number === '' ? {} : { number }),
    };
  });

  const schedule: Schedule = {
    id: id('schedule'),
    name: name('schedule'),
    weekly: {
      mon: options.hours.mon.map(copyRange),
      tue: options.hours.tue.map(copyRange),
      wed: options.hours.wed.map(copyRange),
      thu: options.hours.thu.map(copyRange),
      fri: options.hours.fri.map(copyRange),
      sat: options.hours.sat.map(copyRange),
      sun: options.hours.sun.map(copyRange),
    },
    closures: [],
    specialHours: [],
    ...(options.holidays === undefined ? {} : { publicHolidays: { country: options.holidays } }),
  };

  const musicPath = options.music?.trim() ?? '';
  if (musicPath !== '') {
    sounds.push({ id: id('music'), name: name('music'), file: musicPath });
    soundFields.set(id('music'), 'music');
  }

  const nodes: FlowNode[] = [];
  const nodeFields = new Map<string, GreetingField>();
  const edges: FlowEdge[] = [];
  const at = (column: number, row: 0 | 1) => ({
    x: column * GREETING_LAYOUT.column,
    y: row === 0 ? 0 : closedRowY(agents.length),
  });
  const wire = (source: string, port: string, target: string) =>
    edges.push({ id: `e${edges.length + 1}`, source, port, target });

  // Column 0: the welcome message, when there is one.
  const welcome = speech('welcome', options.welcome, 'welcome', musicPath === '' ? undefined : id('music'));
  let column = 0;
  if (welcome !== undefined) {
    nodes.push({
      id: id('welcome'),
      kind: 'announcement',
      label: name('welcome'),
      position: at(column, 0),
      config: { sound: welcome, loops: 1, answer: true },
    });
    column += 1;
  }

  // Then the opening hours; open leads to the call loop, closed (and holidays) to the closed branch.
  nodes.push({
    id: id('hours'),
    kind: 'businessHours',
    label: name('hours'),
    position: at(column, 0),
    config: { schedule: schedule.id },
  });
  if (welcome !== undefined) wire(id('welcome'), 'next', id('hours'));

  nodes.push({
    id: id('ring'),
    kind: 'ringGroup',
    label: name('ring'),
    position: at(column + 1, 0),
    config: {
      members: agents.map((agent) => ({ agent: agent.id })),
      strategy: options.strategy,
      ringSeconds: options.ringSeconds,
      repeat: options.repeat,
      skip: ['offline', 'snooze', 'outOfPlanning', 'inCall'],
    },
  });
  nodeFields.set(id('ring'), 'users');
  wire(id('hours'), 'open', id('ring'));

  // Nobody answered, or nobody could be rung: voicemail or a last message. It is also where an
  // on-call forward that fails leads, so it stands right of the forward.
  const ending = options.noAnswer.action === 'voicemail' ? id('voicemail') : id('unavailable');
  const onCallNotice = options.closed.action === 'forward' && options.closed.message.trim() !== '';
  const endingColumn = column + (onCallNotice ? 3 : 2);
  if (options.noAnswer.action === 'voicemail') {
    const greeting = speech('voicemail', options.noAnswer.message, 'noAnswerMessage');
    nodes.push({
      id: ending,
      kind: 'voicemail',
      label: name('voicemail'),
      position: at(endingColumn, 0),
      config: { mailbox: id('mailbox'), ...(greeting === undefined ? {} : { greeting }), maxSeconds: 120 },
    });
  } else {
    const sound = speech('unavailable', options.noAnswer.message, 'noAnswerMessage');
    nodes.push({
      id: ending,
      kind: 'hangup',
      label: name('unavailable'),
      position: at(endingColumn, 0),
      config: sound === undefined ? {} : { sound },
    });
  }
  wire(id('ring'), 'noAnswer', ending);
  wire(id('ring'), 'unavailable', ending);

  // Closed (holidays follow closed): the on-call number, or a message and hang up.
  if (options.closed.action === 'forward') {
    const notice = speech('onCallNotice', options.closed.message, 'closedMessage');
    let onCallColumn = column + 1;
    if (notice !== undefined) {
      nodes.push({
        id: id('onCallNotice'),
        kind: 'announcement',
        label: name('onCallNotice'),
        position: at(onCallColumn, 1),
        config: { sound: notice, loops: 1, answer: true },
      });
      wire(id('hours'), 'closed', id('onCallNotice'));
      wire(id('onCallNotice'), 'next', id('onCall'));
      onCallColumn += 1;
    } else wire(id('hours'), 'closed', id('onCall'));
    nodes.push({
      id: id('onCall'),
      kind: 'forward',
      label: name('onCall'),
      position: at(onCallColumn, 1),
      config: { number: options.closed.number, ringSeconds: 30, callerId: 'caller' },
    });
    nodeFields.set(id('onCall'), 'closedNumber');
    // An on-call colleague who does not answer is treated as nobody answering.
    wire(id('onCall'), 'noAnswer', ending);
    wire(id('onCall'), 'failed', ending);
  } else {
    const sound = speech('closed', options.closed.message, 'closedMessage');
    nodes.push({
      id: id('closed'),
      kind: 'hangup',
      label: name('closed'),
      position: at(column + 1, 1),
      config: sound === undefined ? {} : { sound },
    });
    wire(id('hours'), 'closed', id('closed'));
  }

  const flowName = options.name.trim();
  const flow: FlowDocument = {
    format: FLOW_FORMAT,
    id: options.id ?? slugId(flowName, id('flow')),
    name: flowName,
    timezone: options.timezone,
    locale: options.language,
    entry: nodes[0]!.id,
    settings: { anonymous: 'allow', blocked: [], vip: [], maxSteps: 200, recording: { enabled: false } },
    agents,
    groups: [],
    schedules: [schedule],
    sounds,
    nodes,
    edges,
  };

  const fieldOf = (path: JsonPath | undefined): GreetingField | undefined => {
    if (path === undefined || path.length === 0) return undefined;
    const [top, index, field] = path;
    switch (top) {
      case 'name':
        return 'name';
      case 'timezone':
        return 'timezone';
      case 'locale':
        return 'language';
      case 'agents':
        if (typeof index !== 'number') return 'users';
        return field === 'extension' || field === 'number' ? `user-${index}-${field}` : `user-${index}-name`;
      case 'schedules': {
        const [, , part, day] = path;
        if (part === 'weekly' && typeof day === 'string' && (WEEKDAYS as readonly string[]).includes(day))
          return `hours-${day as Weekday}`;
        if (part === 'publicHolidays') return 'holidays';
        return part === 'timezone' ? 'timezone' : undefined;
      }
      case 'sounds': {
        const sound = typeof index === 'number' ? sounds[index] : undefined;
        if (sound === undefined) return undefined;
        if (path[2] === 'tts' && path[3] === 'language') return 'language';
        return soundFields.get(sound.id);
      }
      case 'nodes': {
        const node = typeof index === 'number' ? nodes[index] : undefined;
        if (node === undefined) return undefined;
        const setting = path[3];
        if (node.kind === 'ringGroup' && (setting === 'ringSeconds' || setting === 'repeat')) return setting;
        if (node.kind === 'ringGroup' && setting === 'strategy') return 'strategy';
        return nodeFields.get(node.id);
      }
      default:
        return undefined;
    }
  };
  return { flow, fieldOf };
}

function copyRange([start, end]: TimeRange): TimeRange {
  return [start, end];
}

/**
 * Generates a complete greeting flow from the quick form's answers: the users as agents, the opening
 * hours as a schedule (with the country's public holidays), and the nodes (welcome message, opening
 * hours, call loop, closed branch, no-answer ending) laid out left to right, every port wired. With
 * sensible answers flow-core reports no error and no warning; a mistake in an answer (an invalid
 * number, overlapping hours) is left for flow-core to report.
 *
 * @example
 * const flow = greetingFlow({ ...defaultGreetingOptions(), users: [{ name: 'Léa', extension: '101' }] });
 * validateFlow(flow).ok; // true
 */
export function greetingFlow(options: GreetingOptions): FlowDocument {
  return buildGreeting(options).flow;
}
