import { cleanup } from '@testing-library/react';
import { installHolidayCatalogue } from '@ringflow/flow-core';
import { dateHolidaysCatalogue } from '@ringflow/flow-core/holidays';
import { afterEach } from 'vitest';
import { preloadInspector } from '../src/inspector/Inspector.js';

// The app loads public holidays after its first paint (src/editor/holidays.ts); tests start with them.
installHolidayCatalogue(dateHolidaysCatalogue);
// And the Properties panel's forms, which the app loads once idle (src/inspector/Inspector.tsx).
await preloadInspector();

// jsdom has no layout: React Flow needs these to measure nodes and handles (as its testing guide does).
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}

class DOMMatrixReadOnlyStub {
  readonly m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.]+)\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
globalThis.DOMMatrixReadOnly = DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;
Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: {
    configurable: true,
    get(this: HTMLElement) {
      return Number.parseFloat(this.style.height) || 1;
    },
  },
  offsetWidth: {
    configurable: true,
    get(this: HTMLElement) {
      return Number.parseFloat(this.style.width) || 1;
    },
  },
});
(SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
  ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;

afterEach(() => {
  cleanup();
});
