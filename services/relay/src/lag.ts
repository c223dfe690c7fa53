import type { EventStore } from '@shouwang/event-store';
import { shouwangStreamPrefixes } from '@shouwang/event-store';
import type { Relay } from './relay.js';

export interface Lag {
  /** Our events in the store that JetStream has not acknowledged; at most `cap` while catching up. */
  events: number;
  /** Age of the oldest of them (0 when none). */
  seconds: number;
}

const ours = (stream: string) => shouwangStreamPrefixes.some((p) => stream.startsWith(p));

/**
 * Caught up, the unacknowledged events are the ones in flight. Behind, the store's tail is read
 * backwards down to the last acknowledged position, at most `cap` events so that sampling stays
 * cheap while the relay catches up (the gauge then reads `cap`: at least that many).
 */
export async function measureLag(relay: Relay, store: EventStore, now = Date.now(), cap = 500): Promise<Lag> {
  if (relay.caughtUp) {
    const oldest = relay.inFlight[0]?.event.created;
    return { events: relay.inFlight.length, seconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0 };
  }
  const acked = relay.lastAcked.position;
  let events = 0;
  let oldest: Date | undefined;
  for await (const e of store.readAll({ backwards: true, maxCount: cap })) {
    if (e.position <= acked) break;
    if (!ours(e.stream)) continue;
    events++;
    oldest = e.created;
  }
  // More than `cap` behind: the oldest unacknowledged event is younger than the last acknowledged one's successor.
  if (events >= cap && relay.lastAcked.created) oldest = relay.lastAcked.created;
  return { events, seconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0 };
}
