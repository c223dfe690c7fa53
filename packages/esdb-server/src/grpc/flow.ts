import type { ServerWritableStream } from '@grpc/grpc-js';
import type { EventLog } from '../store/eventLog.js';

/**
 * Writes one message and, when grpc-js reports its buffer full, waits for it to drain: a slow
 * subscriber slows its own cursor over the log instead of making the server buffer without bound.
 * Resolves false once the call is gone.
 */
export async function send<Req, Resp>(call: ServerWritableStream<Req, Resp>, message: Resp | Buffer): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false;
  // Events go out already encoded (see eventEncoding.ts); the read method's serializer passes them through.
  if (call.write(message as Resp)) return true;
  await whichever(call, ['drain', 'cancelled', 'close', 'error']);
  return !call.cancelled && !call.destroyed;
}

/** Waits until the log commits something new, or the call goes away. */
export function nextCommit<Req, Resp>(log: EventLog, call: ServerWritableStream<Req, Resp>): Promise<void> {
  return new Promise((resolve) => {
    // A call cancelled during the cursor's last yield has already emitted 'cancelled'; waiting
    // for it again would keep the subscription until the next commit, on an idle store forever.
    if (call.cancelled || call.destroyed) return resolve();
    const done = () => {
      log.commits.off('commit', done);
      for (const e of ['cancelled', 'close', 'error']) call.off(e, done);
      resolve();
    };
    log.commits.on('commit', done);
    for (const e of ['cancelled', 'close', 'error']) call.on(e, done);
  });
}

function whichever(emitter: NodeJS.EventEmitter, events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of events) emitter.off(e, done);
      resolve();
    };
    for (const e of events) emitter.on(e, done);
  });
}

/** Lets appends and other calls in between long replays. */
export const yieldToOthers = () => new Promise<void>((r) => setImmediate(r));
