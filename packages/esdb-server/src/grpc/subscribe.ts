import type { EventLog } from '../store/eventLog.js';
import { eventAt } from './eventEncoding.js';
import { streamDeleted } from './errors.js';
import type { EventFilter } from './filter.js';
import { nextCommit, send, yieldToOthers } from './flow.js';
import { streamsPb } from './proto.js';
import type { ReadCall } from './read.js';

const { ReadResp: Resp } = streamsPb;

function confirmation(): InstanceType<typeof Resp> {
  const c = new Resp.SubscriptionConfirmation();
  c.setSubscriptionId(crypto.randomUUID());
  const resp = new Resp();
  resp.setConfirmation(c);
  return resp;
}

function caughtUp(): InstanceType<typeof Resp> {
  const resp = new Resp();
  resp.setCaughtUp(new Resp.CaughtUp());
  return resp;
}

function checkpoint(position: number): InstanceType<typeof Resp> {
  const c = new Resp.Checkpoint();
  c.setCommitPosition(String(position));
  c.setPreparePosition(String(position));
  const resp = new Resp();
  resp.setCheckpoint(c);
  return resp;
}

const gone = (call: ReadCall) => call.cancelled || call.destroyed;

/**
 * Catch-up subscription to one stream: confirmation, the events after `from`, caught-up, then
 * live events. The cursor reads the log itself, so nothing queues up per subscriber.
 */
export async function subscribeToStream(log: EventLog, call: ReadCall, name: string, from: number | 'start' | 'end') {
  if (!(await send(call, confirmation()))) return;
  const initial = log.streams.get(name);
  let next = from === 'start' ? 0 : from === 'end' ? (initial ? initial.lastRevision + 1 : 0) : from + 1;
  let announced = false;
  while (!gone(call)) {
    const s = log.streams.get(name);
    if (s?.tombstoned) throw streamDeleted(name);
    if (s) {
      next = Math.max(next, s.truncateBefore);
      let sent = 0;
      while (next < s.indices.length && s.indices[next]! < log.visible) {
        if (!(await send(call, eventAt(log, s.indices[next]!)))) return;
        next++;
        if (++sent % 1000 === 0) await yieldToOthers();
      }
    }
    if (!announced) {
      announced = true;
      if (!(await send(call, caughtUp()))) return;
      // Something may have been committed while caught-up was being sent.
      continue;
    }
    await nextCommit(log, call);
  }
}

/**
 * Catch-up subscription to `$all`, optionally filtered; a filtered one gets a checkpoint each
 * time the search window has been examined, so the subscriber can store its place even when
 * few events match.
 */
export async function subscribeToAll(log: EventLog, call: ReadCall, from: number | 'start' | 'end', filter: EventFilter | undefined) {
  if (!(await send(call, confirmation()))) return;
  // A subscription starts after the position it is given.
  let i = from === 'start' ? 0 : from === 'end' ? log.visible : log.firstAtOrAfter(from + 1);
  let examined = 0;
  let announced = false;
  while (!gone(call)) {
    while (i < log.visible) {
      const at = i++;
      examined++;
      if (!filter || filter.matches(log, at)) {
        if (!(await send(call, eventAt(log, at)))) return;
      }
      if (filter && examined % filter.checkpointEvery === 0) {
        if (!(await send(call, checkpoint(log.positionAt(at))))) return;
      }
      if (examined % 1000 === 0) await yieldToOthers();
    }
    if (!announced) {
      announced = true;
      if (!(await send(call, caughtUp()))) return;
      // Something may have been committed while caught-up was being sent.
      continue;
    }
    await nextCommit(log, call);
  }
}
