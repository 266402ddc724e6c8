/**
 * The date-holidays catalogue of public holidays, on its own, to load lazily in a browser app built on
 * `@ringflow/flow-core/core`.
 *
 * @example
 * const { dateHolidaysCatalogue } = await import('@ringflow/flow-core/holidays');
 * installHolidayCatalogue(dateHolidaysCatalogue);
 *
 * @packageDocumentation
 */

export { dateHolidaysCatalogue } from './schedule/date-holidays-catalogue.js';
