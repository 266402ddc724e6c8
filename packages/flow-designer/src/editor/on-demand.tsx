import { lazy, useEffect, useState } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

/** A component whose code is loaded on demand, and can be loaded ahead of use. */
export interface OnDemand<P extends object> {
  /** Renders the component: at once when its code is loaded, else suspends until it is. */
  readonly Component: ComponentType<P>;
  /** Loads the code (once); resolves when the component renders without suspending. */
  readonly preload: () => Promise<void>;
}

/**
 * A component kept out of the JavaScript a page needs before its first paint. Unlike React.lazy
 * alone, once `preload` has resolved it renders synchronously (no Suspense fallback, not even once):
 * the designer preloads such code when the main thread is idle after the first paint, and tests
 * preload it before they render.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): OnDemand<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        // A failed download can be tried again.
        loading = undefined;
        throw error;
      },
    ));
  const Lazy: LazyExoticComponent<ComponentType<P>> = lazy(() =>
    preload().then(() => ({ default: loaded as ComponentType<P> })),
  );
  function Component(props: P) {
    // Decided once per mount: switching from Lazy to the loaded component would remount it.
    const [Direct] = useState(() => loaded);
    return Direct === undefined ? <Lazy {...props} /> : <Direct {...props} />;
  }
  return { Component, preload };
}

/**
 * How long after the first paint the designer starts what a page can do without at first: loading
 * the Properties panel's forms and the public holidays, drawing the minimap. Sooner, that work lands
 * on the admin's first click (a trace of a 500-step flow showed it): a second is after it.
 */
export const AFTER_FIRST_PAINT_MS = 1000;

/**
 * Runs `task` once the page has painted and the main thread is idle (after `delayMs`), so that code
 * loaded ahead of use does not compete with the first paint. Returns a function that cancels it.
 */
export function whenIdle(task: () => void, delayMs = 0): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(task, { timeout: 2000 });
    else task();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
  };
}

/**
 * Runs `task` (once per mount) when the main thread is idle AFTER_FIRST_PAINT_MS after the first
 * paint.
 */
export function useAfterFirstPaint(task: () => void): void {
  // The task of the first render: one run per mount, whatever the caller passes next.
  useEffect(() => whenIdle(task, AFTER_FIRST_PAINT_MS), []);
}

/** False until the main thread is idle AFTER_FIRST_PAINT_MS after the first paint, then true. */
export function useShownAfterFirstPaint(): boolean {
  const [shown, setShown] = useState(false);
  useAfterFirstPaint(() => setShown(true));
  return shown;
}
