import type { JetStreamManager } from 'nats';
import { POSITION_HEADER } from './message.js';

/** What the JetStream stream already holds: its last sequence and the `$all` position of our last message. */
export interface StreamTail {
  lastSeq: number;
  /** Undefined when the stream holds none of our messages: relay from the start of `$all`. */
  position: bigint | undefined;
}

/** How far back past foreign messages (published by someone else on our subjects) we look. */
const MAX_FOREIGN = 1000;

/**
 * The stream itself is the relay's checkpoint: its last relayed message names the last event
 * published, so a restarted relay continues after it, whatever the duplicate window.
 */
export async function readTail(jsm: JetStreamManager, stream: string): Promise<StreamTail> {
  const info = await jsm.streams.info(stream);
  const lastSeq = info.state.last_seq;
  const firstSeq = Math.max(info.state.first_seq, 1);
  for (let seq = lastSeq; seq >= firstSeq && seq > lastSeq - MAX_FOREIGN; seq--) {
    let raw: string;
    try {
      raw = (await jsm.streams.getMessage(stream, { seq })).header.get(POSITION_HEADER);
    } catch (err) {
      if (/no message found/i.test((err as Error).message)) continue; // deleted message
      throw err;
    }
    if (/^\d+$/.test(raw)) return { lastSeq, position: BigInt(raw) };
  }
  if (info.state.messages === 0 && lastSeq === 0) return { lastSeq, position: undefined };
  if (lastSeq - firstSeq + 1 < MAX_FOREIGN && info.state.first_seq <= 1) return { lastSeq, position: undefined };
  throw new Error(`no relayed message among the last ${MAX_FOREIGN} of ${stream}; refusing to guess where to resume`);
}
