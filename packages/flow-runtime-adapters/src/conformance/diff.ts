import type { CallResult, LegRecord, PollRecord } from '@ringflow/flow-core';

/** What is compared between the simulator's record and the adapter's. */
export interface CompareOptions {
  /** Also compare waitSeconds, durationSeconds and legs' ringSeconds, within this many seconds. */
  readonly timeToleranceSeconds?: number;
}

const show = (value: unknown) => JSON.stringify(value) ?? 'undefined';

const legLine = (leg: LegRecord, withTime: boolean) =>
  [
    leg.node,
    leg.agent ?? leg.number ?? '?',
    leg.status,
    ...(withTime && leg.ringSeconds !== undefined ? [`${leg.ringSeconds}s`] : []),
  ].join(' ');

const pollLine = (poll: PollRecord) =>
  `${poll.poll}/${poll.question} = ${poll.value}${poll.agent !== null ? ` (${poll.agent})` : ''}`;

/**
 * A line diff of two lists (longest common subsequence): common lines are kept for context,
 * `-` lines are the simulator's only, `+` lines the adapter's only.
 */
export function diffLines(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`    ${expected[i]}`);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`  - ${expected[i]}`);
      i++;
    } else {
      out.push(`  + ${actual[j]}`);
      j++;
    }
  }
  return out;
}

/**
 * The differences between the record the simulator computes (`expected`) and the one a run through
 * an adapter gave (`actual`), as readable lines; none when they agree. Compared: outcome,
 * answeredBy, missedReason, path, legs (node, agent or number, status) and polls; times only with
 * `timeToleranceSeconds`.
 */
export function compareResults(
  expected: CallResult,
  actual: CallResult,
  options: CompareOptions = {},
): string[] {
  const lines: string[] = [];
  for (const field of ['outcome', 'answeredBy', 'missedReason'] as const) {
    if (expected[field] !== actual[field]) {
      lines.push(
        `${field}: expected ${show(expected[field])} (simulator), got ${show(actual[field])} (adapter)`,
      );
    }
  }
  const tolerance = options.timeToleranceSeconds;
  if (tolerance !== undefined) {
    for (const field of ['waitSeconds', 'durationSeconds'] as const) {
      if (Math.abs(expected[field] - actual[field]) > tolerance) {
        lines.push(
          `${field}: expected ${expected[field]} (simulator), got ${actual[field]} (adapter), tolerance ${tolerance}`,
        );
      }
    }
  }
  const list = (what: string, a: readonly string[], b: readonly string[]) => {
    if (a.length === b.length && a.every((line, index) => line === b[index])) return;
    lines.push(`${what} (- simulator, + adapter):`, ...diffLines(a, b));
  };
  list('path differs', expected.path, actual.path);
  const legs = (result: CallResult) => result.legs.map((leg) => legLine(leg, false));
  list('legs differ', legs(expected), legs(actual));
  if (tolerance !== undefined) {
    expected.legs.forEach((leg, index) => {
      const other = actual.legs[index];
      if (other === undefined || leg.ringSeconds === undefined || other.ringSeconds === undefined) return;
      if (Math.abs(leg.ringSeconds - other.ringSeconds) > tolerance) {
        lines.push(
          `legs[${index}].ringSeconds: expected ${leg.ringSeconds} (simulator), got ${other.ringSeconds} (adapter), tolerance ${tolerance}`,
        );
      }
    });
  }
  list('polls differ', expected.polls.map(pollLine), actual.polls.map(pollLine));
  return lines;
}
