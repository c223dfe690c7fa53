import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb.js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb.js';
import type { AppendOutcome, EventLog, ProposedEvent } from '../store/eventLog.js';
import type { ExpectedRevision } from '../store/streamState.js';
import { expectedFrom, streamIdentifier, streamNameOf } from './convert.js';
import { proposedEvent } from './proposed.js';
import { anyPb, emptyPb, sharedPb, statusPb, streamsPb } from './proto.js';

const { BatchAppendReq: Req, BatchAppendResp: Resp } = streamsPb;
const Case = Req.Options.ExpectedStreamPositionCase;
const Empty = () => new emptyPb.Empty();

interface Pending {
  correlationId: UUID;
  stream: string;
  expected: ExpectedRevision;
  deadline: number;
  events: ProposedEvent[];
}

function expectedOf(o: BatchAppendReq.Options): ExpectedRevision {
  const c = o.getExpectedStreamPositionCase();
  return expectedFrom(
    c === Case.ANY ? 'any' : c === Case.NO_STREAM ? 'no_stream' : c === Case.STREAM_EXISTS ? 'stream_exists' : c === Case.STREAM_POSITION ? 'exact' : undefined,
    o.getStreamPosition(),
  );
}

function statusWith(code: status, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }) {
  const s = new statusPb.Status();
  s.setCode(code as number);
  s.setMessage(message);
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), typeName);
  s.setDetails(any);
  return s;
}

function wrongExpectedVersion(current: number, expected: ExpectedRevision) {
  const w = new sharedPb.WrongExpectedVersion();
  if (current < 0) w.setCurrentNoStream(Empty());
  else w.setCurrentStreamRevision(String(current));
  if (expected.kind === 'exact') w.setExpectedStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') w.setExpectedNoStream(Empty());
  else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(Empty());
  else w.setExpectedAny(Empty());
  return statusWith(status.FAILED_PRECONDITION, 'Wrong expected version', 'event_store.client.WrongExpectedVersion', w);
}

/**
 * `Streams.BatchAppend`: one long-lived stream per client; each request (possibly spread over
 * several messages until `is_final`) is answered by correlation id, always with the stream name.
 */
export function batchAppendHandler(log: EventLog) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const open = new Map<string, Pending>();
    let closed = false;
    call.on('error', () => {
      closed = true;
    });
    call.on('cancelled', () => {
      closed = true;
    });
    call.on('end', () => {
      closed = true;
      call.end();
    });

    const reply = (p: Pending, fill: (r: BatchAppendResp) => void) => {
      if (closed) return;
      const r = new Resp();
      r.setCorrelationId(p.correlationId);
      r.setStreamIdentifier(streamIdentifier(p.stream));
      fill(r);
      call.write(r);
    };

    const answer = (p: Pending, outcome: AppendOutcome) =>
      reply(p, (r) => {
        switch (outcome.kind) {
          case 'success': {
            const s = new Resp.Success();
            if (outcome.currentRevision < 0) s.setNoStream(Empty());
            else s.setCurrentRevision(String(outcome.currentRevision));
            if (outcome.position === undefined) s.setNoPosition(Empty());
            else {
              const pos = new sharedPb.AllStreamPosition();
              pos.setCommitPosition(String(outcome.position));
              pos.setPreparePosition(String(outcome.position));
              s.setPosition(pos);
            }
            r.setSuccess(s);
            return;
          }
          case 'wrong_expected_version':
            return r.setError(wrongExpectedVersion(outcome.currentRevision, p.expected));
          case 'stream_deleted': {
            const d = new sharedPb.StreamDeleted();
            d.setStreamIdentifier(streamIdentifier(p.stream));
            return r.setError(statusWith(status.FAILED_PRECONDITION, `Event stream '${p.stream}' is deleted.`, 'event_store.client.StreamDeleted', d));
          }
          case 'too_large': {
            const m = new sharedPb.MaximumAppendSizeExceeded();
            m.setMaxappendsize(outcome.maxAppendSize);
            return r.setError(statusWith(status.INVALID_ARGUMENT, `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, 'event_store.client.MaximumAppendSizeExceeded', m));
          }
        }
      });

    const refuse = (p: Pending, message: string) =>
      // The client unpacks every error's details, so even a plain refusal carries some.
      reply(p, (r) => r.setError(statusWith(status.INVALID_ARGUMENT, message, 'event_store.client.Unknown', new sharedPb.Unknown())));

    const timeout = (p: Pending) =>
      reply(p, (r) =>
        r.setError(statusWith(status.DEADLINE_EXCEEDED, 'Append timed out', 'event_store.client.Timeout', new sharedPb.Timeout())),
      );

    call.on('data', (req: BatchAppendReq) => {
      const correlationId = req.getCorrelationId();
      // Without a correlation id there is nobody to answer; EventStoreDB drops such a request too.
      if (!correlationId) return;
      const key = correlationId.getString() || JSON.stringify(correlationId.toObject());
      let p = open.get(key);
      try {
        if (!p) {
          const o = req.getOptions();
          if (!o) return;
          const stream = streamNameOf(o.getStreamIdentifier());
          const deadline = o.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
          p = { correlationId, stream, expected: expectedOf(o), deadline, events: [] };
          open.set(key, p);
        }
        for (const m of req.getProposedMessagesList()) p.events.push(proposedEvent(m));
      } catch (e) {
        open.delete(key);
        const stream = p?.stream ?? '';
        refuse(p ?? { correlationId, stream, expected: { kind: 'any' }, deadline: 0, events: [] }, (e as Error).message);
        return;
      }
      if (!req.getIsFinal()) return;
      open.delete(key);
      const pending = p;
      if (Date.now() > pending.deadline) return timeout(pending);
      log.append(pending.stream, pending.expected, pending.events).then(
        (outcome) => (Date.now() > pending.deadline && outcome.kind !== 'success' ? timeout(pending) : answer(pending, outcome)),
        (e: Error) => refuse(pending, e.message),
      );
    });
  };
}
