import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog } from '../store/eventLog.js';
import { readsAsAbsent } from '../store/streamState.js';
import { streamIdentifier, streamNameOf, uint64 } from './convert.js';
import { eventAt } from './eventEncoding.js';
import { asServiceError, invalidArgument, streamDeleted } from './errors.js';
import { eventFilter, type EventFilter } from './filter.js';
import { nextCommit, send, yieldToOthers } from './flow.js';
import { streamsPb } from './proto.js';
import { subscribeToAll, subscribeToStream } from './subscribe.js';

const { ReadReq: Req, ReadResp: Resp } = streamsPb;
const O = Req.Options;

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** `Streams.Read`: reads of one stream or `$all` both ways, and catch-up subscriptions to either. */
export function readHandler(log: EventLog) {
  return (call: ReadCall) => {
    serveRead(log, call).then(
      () => call.end(),
      (e) => {
        if (!call.cancelled) call.emit('error', asServiceError(e));
      },
    );
  };
}

async function serveRead(log: EventLog, call: ReadCall): Promise<void> {
  const o = call.request.getOptions();
  if (!o) throw invalidArgument('read options are required');
  const backwards = o.getReadDirection() === O.ReadDirection.BACKWARDS;
  const filter = o.getFilterOptionCase() === O.FilterOptionCase.FILTER ? eventFilter(o.getFilter()!) : undefined;
  const subscribing = o.getCountOptionCase() === O.CountOptionCase.SUBSCRIPTION;
  if (!subscribing && o.getCountOptionCase() !== O.CountOptionCase.COUNT) throw invalidArgument('a count or a subscription is required');
  const count = subscribing ? 0 : uint64(o.getCount(), 'count');

  if (o.getStreamOptionCase() === O.StreamOptionCase.STREAM) {
    const so = o.getStream()!;
    const name = streamNameOf(so.getStreamIdentifier());
    if (log.streams.get(name)?.tombstoned) throw streamDeleted(name);
    const rc = so.getRevisionOptionCase();
    const from = rc === O.StreamOptions.RevisionOptionCase.REVISION ? uint64(so.getRevision(), 'revision') : rc === O.StreamOptions.RevisionOptionCase.END ? 'end' : 'start';
    if (subscribing) return subscribeToStream(log, call, name, from);
    return readStream(log, call, name, from, backwards, count);
  }
  if (o.getStreamOptionCase() === O.StreamOptionCase.ALL) {
    const ao = o.getAll()!;
    const ac = ao.getAllOptionCase();
    const from = ac === O.AllOptions.AllOptionCase.POSITION ? uint64(ao.getPosition()!.getCommitPosition(), 'commit position') : ac === O.AllOptions.AllOptionCase.END ? 'end' : 'start';
    if (subscribing) return subscribeToAll(log, call, from, filter);
    return readAll(log, call, from, backwards, count, filter);
  }
  throw invalidArgument('read needs a stream or $all');
}

async function readStream(log: EventLog, call: ReadCall, name: string, from: number | 'start' | 'end', backwards: boolean, count: number) {
  const s = log.streams.get(name);
  if (!s || readsAsAbsent(s) || s.indices.length === 0) {
    const nf = new Resp.StreamNotFound();
    nf.setStreamIdentifier(streamIdentifier(name));
    const resp = new Resp();
    resp.setStreamNotFound(nf);
    await send(call, resp);
    return;
  }
  // indices[k] holds revision k: revisions start at 0 and are never removed from the index.
  let visibleLast = s.indices.length - 1;
  while (visibleLast >= 0 && s.indices[visibleLast]! >= log.visible) visibleLast--;
  let sent = 0;
  if (!backwards) {
    let k = Math.max(from === 'start' ? 0 : from === 'end' ? visibleLast + 1 : from, s.truncateBefore);
    for (; k <= visibleLast && sent < count; k++, sent++) {
      if (!(await send(call, eventAt(log, s.indices[k]!)))) return;
      if (sent % 1000 === 999) await yieldToOthers();
    }
  } else {
    let k = Math.min(from === 'end' || from === 'start' ? visibleLast : from, visibleLast);
    if (from === 'start') k = Math.min(0, visibleLast);
    for (; k >= s.truncateBefore && sent < count; k--, sent++) {
      if (!(await send(call, eventAt(log, s.indices[k]!)))) return;
      if (sent % 1000 === 999) await yieldToOthers();
    }
  }
}

async function readAll(log: EventLog, call: ReadCall, from: number | 'start' | 'end', backwards: boolean, count: number, filter: EventFilter | undefined) {
  const end = log.visible;
  let sent = 0;
  let examined = 0;
  if (!backwards) {
    // A forward read includes the record at the position it starts from.
    for (let i = from === 'start' ? 0 : from === 'end' ? end : log.firstAtOrAfter(from); i < end && sent < count; i++) {
      if (++examined % 1000 === 0) await yieldToOthers();
      if (filter && !filter.matches(log, i)) continue;
      if (!(await send(call, eventAt(log, i)))) return;
      sent++;
    }
  } else {
    // A backward read from a position excludes the record at it.
    for (let i = from === 'end' ? end - 1 : from === 'start' ? -1 : log.firstAtOrAfter(from) - 1; i >= 0 && sent < count; i--) {
      if (++examined % 1000 === 0) await yieldToOthers();
      if (filter && !filter.matches(log, i)) continue;
      if (!(await send(call, eventAt(log, i)))) return;
      sent++;
    }
  }
}

export { nextCommit };
