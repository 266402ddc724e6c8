/**
 * An exact number, or a prefix ending in `*`. On its own module so that node kinds can use it
 * without bringing the state machine (and xstate) into a bundle that only validates flows.
 */
export function matchesNumber(number: string, pattern: string): boolean {
  return pattern.endsWith('*') ? number.startsWith(pattern.slice(0, -1)) : number === pattern;
}
