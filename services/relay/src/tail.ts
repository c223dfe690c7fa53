import type { JetStreamManager } from 'nats';
import { POSITION_HEADER } from './message.js';

/** What the JetStream stream already holds: its last sequence and the `$all` position of that message. */
export interface StreamTail {
  lastSeq: number;
  /** Undefined when the stream is empty: relay from the start of `$all`. */
  position: bigint | undefined;
}

/**
 * The stream itself is the relay's checkpoint: its last message names the last event published,
 * so a restarted relay continues after it, whatever the duplicate window.
 */
export async function readTail(jsm: JetStreamManager, stream: string): Promise<StreamTail> {
  const info = await jsm.streams.info(stream);
  const lastSeq = info.state.last_seq;
  if (lastSeq === 0) return { lastSeq, position: undefined };
  const msg = await jsm.streams.getMessage(stream, { seq: lastSeq });
  const raw = msg.header.get(POSITION_HEADER);
  if (!/^\d+$/.test(raw)) {
    throw new Error(`last message (seq ${lastSeq}) of ${stream} has no ${POSITION_HEADER} header; refusing to guess where to resume`);
  }
  return { lastSeq, position: BigInt(raw) };
}
