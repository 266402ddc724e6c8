import {
  hasHolidayCatalogue,
  holidayCatalogueGeneration,
  installHolidayCatalogue,
  onHolidayCatalogueInstalled,
} from '@ringflow/flow-core';
import { useEffect, useSyncExternalStore } from 'react';

/*
 * Public holidays weigh more than the rest of the engine (date-holidays with its astronomy), so the
 * designer is built on `@ringflow/flow-core/core` (vite.config.ts) and loads them after the first
 * paint. Until they are there, flow-core names no holiday and reports no holiday country unknown;
 * then validation and the "open now" summaries run again, and a test call waits for them.
 */

let loading: Promise<void> | undefined;

/** Loads and installs the public holidays once; resolves when they are installed. */
export function loadHolidays(): Promise<void> {
  if (hasHolidayCatalogue()) return Promise.resolve();
  loading ??= import('@ringflow/flow-core/holidays').then(
    (module) => installHolidayCatalogue(module.dateHolidaysCatalogue),
    (error: unknown) => {
      // A failed download can be tried again on the next call.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Starts loading the public holidays and returns the holiday catalogue's generation, which changes
 * (and re-renders the caller) when they arrive: use it as a dependency of what uses holidays.
 */
export function useHolidays(): number {
  useEffect(() => {
    loadHolidays().catch(() => undefined);
  }, []);
  return useSyncExternalStore(onHolidayCatalogueInstalled, holidayCatalogueGeneration);
}
