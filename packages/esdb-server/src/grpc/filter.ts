import type { ReadReq } from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog } from '../store/eventLog.js';
import { invalidArgument } from './errors.js';
import { streamsPb } from './proto.js';

const FilterCase = streamsPb.ReadReq.Options.FilterOptions.FilterCase;
const WindowCase = streamsPb.ReadReq.Options.FilterOptions.WindowCase;

/** EventStoreDB's default search window: how many events it examines between checkpoints. */
export const DEFAULT_SEARCH_WINDOW = 32;

export interface EventFilter {
  /** Whether record `i` of the log passes. */
  matches(log: EventLog, i: number): boolean;
  /** Events examined between two checkpoints of a filtered `$all` subscription. */
  checkpointEvery: number;
}

/** A server-side filter on stream-name or event-type, by prefixes or a regular expression. */
export function eventFilter(f: ReadReq.Options.FilterOptions): EventFilter {
  const byStream = f.getFilterCase() === FilterCase.STREAM_IDENTIFIER;
  const expression = byStream ? f.getStreamIdentifier() : f.getEventType();
  if (f.getFilterCase() === FilterCase.FILTER_NOT_SET || !expression) throw invalidArgument('filter needs a stream identifier or event type expression');
  const prefixes = expression.getPrefixList();
  let test: (s: string) => boolean;
  if (prefixes.length > 0) test = (s) => prefixes.some((p) => s.startsWith(p));
  else {
    let re: RegExp;
    try {
      re = new RegExp(expression.getRegex());
    } catch {
      throw invalidArgument('filter regex is not a valid regular expression');
    }
    test = (s) => re.test(s);
  }
  const window = f.getWindowCase() === WindowCase.MAX && f.getMax() > 0 ? f.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = Math.max(1, f.getCheckpointintervalmultiplier());
  return {
    matches: byStream ? (log, i) => test(log.streamAt(i)) : (log, i) => test(log.typeAt(i)),
    checkpointEvery: window * multiplier,
  };
}
