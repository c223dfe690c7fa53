import { refuse } from '../errors.js';
import { toMillis } from '../primitives.js';

/** Half-open intervals [start, end) overlap. */
export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean =>
  toMillis(a.start) < toMillis(b.end) && toMillis(b.start) < toMillis(a.end);

export const requireValidWindow = (w: { start: string; end: string }, what = 'shift'): void => {
  if (!(toMillis(w.end) > toMillis(w.start))) refuse('SW_ERR_INVALID_SHIFT', `the ${what} must end after it starts`);
};

export const requireSameId = (expected: string, actual: string, what: string): void => {
  if (expected !== actual) refuse('SW_ERR_SCOPE_MISMATCH', `the command names another ${what} than the stream`);
};

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));
