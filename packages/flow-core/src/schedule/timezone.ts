import { daysFromCivil, DAY_MS } from './time.js';

/*
 * Time zones through the Intl API only: the offsets of a zone are read once per block of time and
 * kept as pieces of constant offset, so that evaluating a schedule never converts an instant.
 */

// An IANA name is made of letters, digits, `_`, `-` and `+` in `/`-separated parts and starts with a
// letter. This turns away UTC offsets such as "+01:00", which recent engines accept as time zones.
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// Only names found valid are remembered, so that a stream of garbage names cannot grow the cache.
const validZones = new Set<string>(['UTC']);

let canonical: ReadonlySet<string> | undefined;

/**
 * The canonical zone names Intl knows. Listing them costs a few milliseconds the first time, where
 * the first Intl.DateTimeFormat with a time zone costs 15 to 25 in a browser (the locale's date
 * patterns are built along with it): the first validation of a flow, on the designer's way to its
 * first paint, does not pay for a formatter it does not use.
 */
function canonicalZones(): ReadonlySet<string> {
  if (canonical === undefined) {
    // Engines older than 2022 have no list: every name then goes through a formatter.
    canonical = new Set(
      typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
    );
  }
  return canonical;
}

/**
 * True when `name` is an IANA time zone name the Intl API knows, such as `Europe/Paris` or `UTC`.
 * UTC offsets (`+01:00`), abbreviations Intl does not know, and empty or malformed names are
 * rejected.
 *
 * @example
 * isValidTimezone('America/New_York'); // true
 * isValidTimezone('+01:00'); // false
 */
export function isValidTimezone(name: string): boolean {
  if (validZones.has(name)) return true;
  if (typeof name !== 'string' || name.length > 64 || !ZONE_NAME_PATTERN.test(name)) return false;
  if (canonicalZones().has(name)) {
    validZones.add(name);
    return true;
  }
  // Intl also accepts names its list leaves out: aliases such as `US/Eastern`.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  validZones.add(name);
  return true;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The UTC offset of `zone` at `instant`, in milliseconds: the zone's wall clock reads
 * `instant + offset`. Slow (one Intl formatting); used only while compiling.
 */
export function zoneOffsetAt(zone: string, instant: number): number {
  if (zone === 'UTC') return 0;
  const second = Math.floor(instant / 1000) * 1000;
  const fields = { era: 'AD', year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(zone).formatToParts(second)) {
    if (part.type === 'era') fields.era = part.value;
    else if (part.type in fields) (fields as Record<string, number | string>)[part.type] = Number(part.value);
  }
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - fields.year : fields.year;
  const wall =
    daysFromCivil(year, fields.month, fields.day) * DAY_MS +
    ((fields.hour % 24) * 3600 + fields.minute * 60 + fields.second) * 1000;
  return wall - second;
}

/** A stretch of time during which a zone keeps one UTC offset: `[start, end)` in epoch ms. */
export interface OffsetPiece {
  readonly start: number;
  readonly end: number;
  /** Milliseconds to add to an instant to read the zone's wall clock. */
  readonly offset: number;
}

// Offsets are sampled this often and transitions found by bisection. Real zones never change offset
// twice within six hours, so no transition can hide between two samples.
const SAMPLE_MS = 6 * 3_600_000;

const pieceCache = new Map<string, Map<number, readonly OffsetPiece[]>>();

/**
 * The pieces of constant offset of `zone` covering `[start, end)`, in order and without gaps,
 * transitions found to the millisecond. Cached per zone and per `start`.
 */
export function offsetPieces(zone: string, start: number, end: number): readonly OffsetPiece[] {
  let byStart = pieceCache.get(zone);
  if (byStart === undefined) pieceCache.set(zone, (byStart = new Map()));
  const cached = byStart.get(start);
  if (cached !== undefined && cached.at(-1)?.end === end) return cached;

  const pieces: OffsetPiece[] = [];
  let pieceStart = start;
  let current = zoneOffsetAt(zone, start);
  let previous = start;
  for (let probe = start + SAMPLE_MS; ; probe += SAMPLE_MS) {
    const at = Math.min(probe, end - 1);
    while (zoneOffsetAt(zone, at) !== current) {
      // A transition lies in (previous, at]: find its first millisecond.
      let lo = previous;
      let hi = at;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (zoneOffsetAt(zone, mid) === current) lo = mid;
        else hi = mid;
      }
      pieces.push({ start: pieceStart, end: hi, offset: current });
      pieceStart = hi;
      current = zoneOffsetAt(zone, hi);
      previous = hi;
    }
    previous = at;
    if (at === end - 1) break;
  }
  pieces.push({ start: pieceStart, end, offset: current });
  byStart.set(start, pieces);
  return pieces;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock date-time of `zone` (`2026-11-24T10:30`, as a `datetime-local` input gives it),
 * written as an ISO date-time with the zone's offset at that moment (`2026-11-24T10:30:00+01:00`);
 * undefined when the text is not such a date-time. A time in the spring-forward gap, which the
 * clock never shows, takes the offset in force after the jump.
 *
 * @example
 * zonedDateTime('2026-11-24T10:30', 'Europe/Paris'); // '2026-11-24T10:30:00+01:00'
 */
export function zonedDateTime(local: string, zone: string): string | undefined {
  const match = LOCAL_DATE_TIME.exec(local);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(asUtc)) return undefined;
  // Two passes: the offset at the first guess may differ from the one at the real instant (DST).
  const offset = zoneOffsetAt(zone, asUtc - zoneOffsetAt(zone, asUtc));
  const minutes = Math.round(offset / 60_000);
  const abs = Math.abs(minutes);
  const sign = minutes < 0 ? '-' : '+';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
