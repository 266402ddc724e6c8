import { holidayCatalogueGeneration, isOpen, onHolidayCatalogueInstalled } from '@ringflow/flow-core';
import type { Schedule } from '@ringflow/flow-core';
import { useSyncExternalStore } from 'react';
import type { MessageKey } from '../i18n/messages.js';
import { useTranslator } from '../i18n/i18n.js';
import type { FlowLibrary, NodeFacet, SummaryProps } from './facet.js';

/** What the schedule says right now, or null when it cannot be evaluated (validation says why). */
function statusNow(schedule: Schedule, flow: FlowLibrary): 'open' | 'closed' | 'holiday' | null {
  try {
    // The designer shows the real present; flow-core itself never reads the clock.
    return isOpen(schedule, Date.now(), { timezone: flow.timezone }).status;
  } catch {
    return null;
  }
}

/** The schedule's name and whether it is open at this moment. */
function BusinessHoursSummary({ config, flow }: SummaryProps<'businessHours'>) {
  const { t } = useTranslator();
  // Drawn again when the public holidays arrive (the node itself only redraws when it changes). The
  // designer loads them (editor/holidays.ts): each node only listens for their arrival.
  useSyncExternalStore(onHolidayCatalogueInstalled, holidayCatalogueGeneration);
  const schedule = flow.schedules.find((s) => s.id === config.schedule);
  if (schedule === undefined) {
    return (
      <div className="rf-summary-error">{t('businessHours.unknownSchedule', { id: config.schedule })}</div>
    );
  }
  const status = statusNow(schedule, flow);
  const key: MessageKey = status === null ? 'businessHours.now.unknown' : `businessHours.now.${status}`;
  return (
    <>
      <div>{schedule.name ?? schedule.id}</div>
      <div className={`rf-now rf-now-${status ?? 'unknown'}`} data-status={status ?? 'unknown'}>
        {t(key)}
      </div>
    </>
  );
}

export const businessHoursFacet: NodeFacet<'businessHours'> = { Summary: BusinessHoursSummary };
