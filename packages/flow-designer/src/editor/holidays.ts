import {
  hasHolidayCatalogue,
  holidayCatalogueGeneration,
  installHolidayCatalogue,
  onHolidayCatalogueInstalled,
} from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useSyncExternalStore } from 'react';
import { useAfterFirstPaint } from './on-demand.js';

/*
 * Public holidays weigh more than the rest of the engine (date-holidays with its astronomy), so the
 * designer is built on `@ringflow/flow-core/core` (vite.config.ts) and loads them once the page is
 * interactive (a second after the first paint, when the main thread is idle): a large flow answers
 * its first click without waiting for them. Until they are there, flow-core names no holiday and reports no holiday country unknown;
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
  // Once the page is interactive: a second after the first paint, when the main thread is idle.
  useAfterFirstPaint(() => void loadHolidays().catch(() => undefined));
  return useSyncExternalStore(onHolidayCatalogueInstalled, holidayCatalogueGeneration);
}

/**
 * Whether `flow` can be simulated now as far as public holidays go: true when none of its schedules
 * follows public holidays or they are installed. Otherwise it starts loading them, calls `then` once
 * they are there, and returns false (a test call must not miss a holiday because it ran early).
 */
export function holidaysReadyFor(flow: FlowDocument, then: () => void): boolean {
  if (hasHolidayCatalogue() || !flow.schedules.some((schedule) => schedule.publicHolidays !== undefined))
    return true;
  loadHolidays().then(then, () => undefined);
  return false;
}
