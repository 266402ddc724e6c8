// Unit tests import flow-core's modules directly, not its main entry: install the date-holidays
// catalogue as the main entry does.
import { dateHolidaysCatalogue } from '../../src/schedule/date-holidays-catalogue.js';
import { installHolidayCatalogue } from '../../src/schedule/holiday-catalogue.js';

installHolidayCatalogue(dateHolidaysCatalogue);
