import { simulateCall, type CallResult } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { officeCall, officeFlow } from '../../test/runtime-fixtures.js';
import { compareResults, diffLines } from './diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks the others', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      '    a',
      '  - b',
      '  + x',
      '    c',
      '  + d',
    ]);
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines(['a'], [])).toEqual(['  - a']);
  });
});

describe('compareResults', () => {
  const expected = simulateCall(officeFlow(), officeCall());

  it('finds nothing between a record and itself', () => {
    expect(compareResults(expected, expected, { timeToleranceSeconds: 0 })).toEqual([]);
  });

  it('names each field that differs', () => {
    const actual: CallResult = {
      ...expected,
      answeredBy: 'bob',
      waitSeconds: expected.waitSeconds + 3,
      polls: [{ poll: 'p', question: 'q1', value: 4, agent: 'bob' }],
    };
    expect(compareResults(expected, actual)).toEqual([
      'answeredBy: expected "alice" (simulator), got "bob" (adapter)',
      'polls differ (- simulator, + adapter):',
      '  + p/q1 = 4 (bob)',
    ]);
    expect(compareResults(expected, actual, { timeToleranceSeconds: 2 })).toContain(
      `waitSeconds: expected ${expected.waitSeconds} (simulator), got ${expected.waitSeconds + 3} (adapter), tolerance 2`,
    );
  });
});
