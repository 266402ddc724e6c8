import { afterEach, beforeEach } from 'vitest';

// A `console` call inside a test run is a failure (STYLE.md 9): output belongs in assertions.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let calls: string[] = [];
const originals = new Map<string, unknown>();

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => {
      calls.push(`console.${method}(${args.map((a) => String(a)).join(', ')})`);
    };
  }
});

afterEach(() => {
  for (const method of methods) {
    console[method] = originals.get(method) as (typeof console)[typeof method];
  }
  if (calls.length > 0) {
    throw new Error(`console was called during the test:\n${calls.join('\n')}`);
  }
});
