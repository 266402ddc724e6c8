/*
 * Where public holidays come from. flow-core asks a catalogue, never a hand-written list (DESIGN 3.2).
 * The package's main entry installs the date-holidays catalogue when it loads, so Node hosts (the CLI,
 * the runtime) always have it. A browser app can import `@ringflow/flow-core/core` instead, which
 * leaves it out (date-holidays and its astronomy weigh more than the rest of the engine), and install
 * it later from `@ringflow/flow-core/holidays` with a dynamic import. Until then, no day is a public
 * holiday and no country is reported unknown: flow-core cannot tell, so it says nothing.
 */

/** One public holiday as a catalogue gives it. */
export interface CataloguedHoliday {
  /** The local date it starts, `YYYY-MM-DD`. */
  readonly date: string;
  /** Its name in the country's main language. */
  readonly name: string;
  /** How many whole local days it covers (at least one). */
  readonly days: number;
}

/** A source of public holidays: which countries and regions it knows, and their holidays per year. */
export interface HolidayCatalogue {
  /** The ISO 3166-1 alpha-2 codes of the countries it knows. */
  countries(): Iterable<string>;
  /** The region codes of `country` that have their own holidays, as the catalogue spells them. */
  regions(country: string): Iterable<string>;
  /** The public holidays (not observances, bank or school holidays) of `year` in an area. */
  publicHolidays(country: string, region: string | undefined, year: number): readonly CataloguedHoliday[];
}

let installed: HolidayCatalogue | undefined;
let generation = 0;
const listeners = new Set<() => void>();

/**
 * Makes `catalogue` the source of public holidays. Caches built from the previous one are dropped
 * (see {@link holidayCatalogueGeneration}) and listeners are told.
 *
 * @example
 * const { dateHolidaysCatalogue } = await import('@ringflow/flow-core/holidays');
 * installHolidayCatalogue(dateHolidaysCatalogue);
 */
export function installHolidayCatalogue(catalogue: HolidayCatalogue): void {
  if (installed === catalogue) return;
  installed = catalogue;
  generation += 1;
  for (const listener of listeners) listener();
}

/** The installed catalogue, or undefined while none is. */
export function holidayCatalogue(): HolidayCatalogue | undefined {
  return installed;
}

/** Whether a catalogue of public holidays is installed. */
export function hasHolidayCatalogue(): boolean {
  return installed !== undefined;
}

/** A number that changes each time a catalogue is installed: part of the key of every cache built from one. */
export function holidayCatalogueGeneration(): number {
  return generation;
}

/** Calls `listener` after each installation; returns the function that stops it. */
export function onHolidayCatalogueInstalled(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
