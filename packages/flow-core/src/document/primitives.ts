import { z } from 'zod';
import type { LocalizedText } from '../i18n/locale.js';

/*
 * The small value types every part of a flow document shares. Patterns are exported so that the
 * issue mapper can turn a failed pattern into a precise, stable issue code (see PATTERN_CODES).
 */

/** Ids of flows, nodes, edges, agents, groups, schedules and sounds. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** A full E.164 number: +, country code, up to 15 digits. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
/** An exact E.164 number, or a prefix of one ending in `*` (`+33899*`). */
export const NUMBER_PATTERN = /^\+[1-9]\d{0,14}\*?$/;
/** A key of the telephone keypad. */
export const DIGIT_PATTERN = /^[0-9*#]$/;
/** Local wall-clock time, `HH:MM`, with `24:00` allowed as the end of a day. */
export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
/** A calendar date, `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A yearly recurring date, `MM-DD`. */
export const MONTH_DAY_PATTERN = /^\d{2}-\d{2}$/;
/** An internal extension: 2 to 8 digits. */
export const EXTENSION_PATTERN = /^\d{2,8}$/;
/** Keys typed on a keypad, one or more: `2`, `123#`. */
export const KEYS_PATTERN = /^[0-9*#]{1,20}$/;
/** A BCP 47 language tag such as `fr-FR` or `en`. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** A sound file path relative to the flow's folder, in a format a PBX can play. */
export const SOUND_FILE_PATTERN =
  /^(?![/\\])(?!.*(?:^|[/\\])\.\.(?:[/\\]|$))[^\0]{1,255}\.(?:wav|mp3|ogg|gsm|ulaw|alaw|sln|sln16|g722)$/i;

/** A country code as date-holidays knows them: `FR`, `US`. */
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** A region (state, department) code of a country: `67`, `NY`. */
export const REGION_PATTERN = /^[A-Za-z0-9]{1,3}$/;

/** What a pattern expects, and the issue code reported when a value does not match it. */
export interface PatternRule {
  readonly code: string;
  readonly expected: LocalizedText;
}

/** Maps a pattern's source to the issue code reported when a value does not match it. */
export const PATTERN_CODES: ReadonlyMap<string, PatternRule> = new Map<string, PatternRule>([
  [
    String(ID_PATTERN),
    {
      code: 'invalid_id',
      expected: {
        en: 'a letter followed by up to 63 letters, digits, _ or -',
        fr: 'une lettre suivie d’au plus 63 lettres, chiffres, _ ou -',
      },
    },
  ],
  [
    String(E164_PATTERN),
    {
      code: 'invalid_number',
      expected: { en: 'an E.164 number such as +33612345678', fr: 'un numéro E.164 comme +33612345678' },
    },
  ],
  [
    String(NUMBER_PATTERN),
    {
      code: 'invalid_number',
      expected: {
        en: 'an E.164 number or a prefix ending in *',
        fr: 'un numéro E.164 ou un préfixe terminé par *',
      },
    },
  ],
  [
    String(DIGIT_PATTERN),
    {
      code: 'invalid_digit',
      expected: { en: 'one keypad key: 0-9, * or #', fr: 'une touche du clavier : 0-9, * ou #' },
    },
  ],
  [
    String(TIME_PATTERN),
    {
      code: 'invalid_time',
      expected: { en: 'a time HH:MM between 00:00 and 24:00', fr: 'une heure HH:MM entre 00:00 et 24:00' },
    },
  ],
  [
    String(DATE_PATTERN),
    { code: 'invalid_date', expected: { en: 'a date written YYYY-MM-DD', fr: 'une date écrite AAAA-MM-JJ' } },
  ],
  [
    String(MONTH_DAY_PATTERN),
    {
      code: 'invalid_date',
      expected: { en: 'a yearly date written MM-DD', fr: 'une date annuelle écrite MM-JJ' },
    },
  ],
  [
    String(EXTENSION_PATTERN),
    {
      code: 'invalid_format',
      expected: { en: 'an extension of 2 to 8 digits', fr: 'un numéro de poste de 2 à 8 chiffres' },
    },
  ],
  [
    String(LANGUAGE_PATTERN),
    {
      code: 'invalid_format',
      expected: { en: 'a language tag such as fr-FR', fr: 'une étiquette de langue comme fr-FR' },
    },
  ],
  [
    String(COUNTRY_PATTERN),
    {
      code: 'invalid_format',
      expected: { en: 'a two-letter country code such as FR', fr: 'un code pays de deux lettres comme FR' },
    },
  ],
  [
    String(REGION_PATTERN),
    {
      code: 'invalid_format',
      expected: {
        en: 'a region code of 1 to 3 letters or digits, such as 67',
        fr: 'un code de région de 1 à 3 lettres ou chiffres, comme 67',
      },
    },
  ],
  [
    String(SOUND_FILE_PATTERN),
    {
      code: 'invalid_sound_file',
      expected: {
        en: 'a relative path to a .wav, .mp3, .ogg, .gsm, .ulaw, .alaw, .sln, .sln16 or .g722 file',
        fr: 'un chemin relatif vers un fichier .wav, .mp3, .ogg, .gsm, .ulaw, .alaw, .sln, .sln16 ou .g722',
      },
    },
  ],
]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `YYYY-MM-DD` names a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1]!;
}

/** True when `MM-DD` names a day that exists in at least one year (02-29 does, in leap years). */
export function isRealMonthDay(value: string): boolean {
  const [m, d] = value.split('-').map(Number) as [number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1]!;
}

export const idSchema = z.string().regex(ID_PATTERN);
export const e164Schema = z.string().regex(E164_PATTERN);
export const numberPatternSchema = z.string().regex(NUMBER_PATTERN);
export const digitSchema = z.string().regex(DIGIT_PATTERN);
export const timeSchema = z.string().regex(TIME_PATTERN);
const notInCalendar = {
  en: 'a day that exists in the calendar',
  fr: 'un jour qui existe dans le calendrier',
};
export const dateSchema = z
  .string()
  .regex(DATE_PATTERN, { abort: true })
  .refine(isRealDate, { params: { ringflowCode: 'invalid_date', expected: notInCalendar } });
export const monthDaySchema = z
  .string()
  .regex(MONTH_DAY_PATTERN, { abort: true })
  .refine(isRealMonthDay, { params: { ringflowCode: 'invalid_date', expected: notInCalendar } });
export const extensionSchema = z.string().regex(EXTENSION_PATTERN);
export const languageSchema = z.string().regex(LANGUAGE_PATTERN);
export const labelSchema = z.string().min(1).max(200);

/** A `[start, end)` range of local wall-clock time; an end before the start runs past midnight. */
export const timeRangeSchema = z.tuple([timeSchema, timeSchema]);
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** Text to speech: what is said, and optionally in which language and voice. */
export const ttsSchema = z.strictObject({
  text: z.string().min(1).max(4000),
  language: languageSchema.optional(),
  voice: z.string().min(1).max(100).optional(),
});

/** The sound source fields shared by library sounds and sounds given in place. */
const soundSourceShape = {
  tts: ttsSchema.optional(),
  file: z.string().regex(SOUND_FILE_PATTERN).optional(),
  music: idSchema.optional(),
};

/** A sound needs exactly one source, and background music only mixes under a TTS text. */
function checkSoundSource(
  sound: { tts?: unknown; file?: unknown; music?: unknown },
  ctx: z.RefinementCtx,
): void {
  if ((sound.tts === undefined) === (sound.file === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], params: { ringflowCode: 'sound_source_missing' } });
  } else if (sound.music !== undefined && sound.tts === undefined) {
    ctx.addIssue({ code: 'custom', path: ['music'], params: { ringflowCode: 'music_without_tts' } });
  }
}

/**
 * A sound given in place, inside a node, rather than from the flow's library: a TTS text (with
 * optional background music from the library) or a file.
 */
export const inlineSoundSchema = z.strictObject(soundSourceShape).superRefine(checkSoundSource);

/** A sound of the flow's reusable library (DESIGN 3.3). */
export const librarySoundSchema = z
  .strictObject({ id: idSchema, name: labelSchema.optional(), ...soundSourceShape })
  .superRefine(checkSoundSource);

/** A reference to a sound: the id of a sound of the flow's library, or a sound given in place. */
export const soundRefSchema = z.union([idSchema, inlineSoundSchema]);
export type SoundRef = z.infer<typeof soundRefSchema>;

/** Statuses that can make an agent unavailable (DESIGN 4), as used by `skip` and `unavailableMeans`. */
export const UNAVAILABILITY_REASONS = ['offline', 'snooze', 'outOfPlanning', 'inCall'] as const;
export const unavailabilitySchema = z.array(z.enum(UNAVAILABILITY_REASONS));
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

/** Who a ring or a condition is about: an agent, a group of agents, or an external number. */
export const memberSchema = z.union([
  z.strictObject({ agent: idSchema }),
  z.strictObject({ group: idSchema }),
  z.strictObject({ number: e164Schema, label: labelSchema.optional() }),
]);
export type Member = z.infer<typeof memberSchema>;
