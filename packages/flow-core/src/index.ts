/**
 * @ringflow/flow-core: the pure engine of ringflow. It reads and checks flow documents, knows every
 * node kind, and evaluates schedules. It runs in browsers and in Node alike: no DOM, no Node
 * built-ins, no real timers. This entry comes with the public holidays of date-holidays installed;
 * `@ringflow/flow-core/core` is the same without them, for browsers that load them lazily.
 *
 * @example
 * import { validateFlowText } from '@ringflow/flow-core';
 * const report = validateFlowText(text, { locale: 'fr' });
 * if (!report.ok) for (const e of report.errors) console.error(e.code, e.message);
 *
 * @packageDocumentation
 */

import { dateHolidaysCatalogue } from './schedule/date-holidays-catalogue.js';
import { installHolidayCatalogue } from './schedule/holiday-catalogue.js';

installHolidayCatalogue(dateHolidaysCatalogue);

export * from './core.js';
export { dateHolidaysCatalogue } from './schedule/date-holidays-catalogue.js';
