/**
 * The ids of flows (DESIGN 3): a letter, then up to 63 letters, digits, `_` or `-`. The same
 * pattern as flow-core's document schema (a test checks they agree), so every id of a valid flow is
 * accepted here, and every id accepted here is a safe file name: no dot, no slash, no separator of
 * any platform, never `.` or `..`, never longer than a file name may be.
 */
export const FLOW_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Whether `value` is a flow id, and so safe to use as a file name. */
export function isFlowId(value: unknown): value is string {
  return typeof value === 'string' && FLOW_ID_PATTERN.test(value);
}

/**
 * Checks a flow id before it reaches a path or a query. A store calls it on every id it is given:
 * an unchecked id is a programmer error, so this throws.
 */
export function assertFlowId(value: unknown): asserts value is string {
  if (!isFlowId(value)) {
    throw new TypeError(`not a flow id: ${JSON.stringify(String(value)).slice(0, 80)}`);
  }
}

/** Version numbers are positive integers (1, 2, 3...), at most this large. */
export const MAX_VERSION = 999_999_999;

/** Whether `value` is a version number. */
export function isVersionNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_VERSION;
}
