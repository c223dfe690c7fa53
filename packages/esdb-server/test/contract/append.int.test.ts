import t from 'tap';
import {
  binaryEvent,
  EventStoreDBClient,
  jsonEvent,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { collect, contractTarget } from './target.js';

const target = await contractTarget();
t.teardown(() => target.close());
const { client } = target;
const ev = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

t.test('expected revision: no_stream, exact, stream_exists and any', async (t) => {
  const s = target.stream('append');
  const first = await client.appendToStream(s, [ev('A'), ev('B')], { expectedRevision: 'no_stream' });
  t.equal(first.nextExpectedRevision, 1n);
  t.ok(first.position && first.position.commit > 0n, 'answers with the position of the last event');
  const second = await client.appendToStream(s, ev('C'), { expectedRevision: 1n });
  t.equal(second.nextExpectedRevision, 2n);
  t.ok(second.position!.commit > first.position!.commit, 'positions grow');
  t.equal((await client.appendToStream(s, ev('D'), { expectedRevision: 'stream_exists' })).nextExpectedRevision, 3n);
  t.equal((await client.appendToStream(s, ev('E'), { expectedRevision: 'any' })).nextExpectedRevision, 4n);
  const events = await collect(client.readStream(s));
  t.same(events.map((e) => e.event!.type), ['A', 'B', 'C', 'D', 'E']);
  t.same(events.map((e) => e.event!.revision), [0n, 1n, 2n, 3n, 4n]);
});

t.test('a conflict is a WrongExpectedVersionError with current and expected, on BatchAppend', async (t) => {
  const s = target.stream('conflict');
  await client.appendToStream(s, [ev('A'), ev('B')]);
  const err = await client.appendToStream(s, ev('X'), { expectedRevision: 0n }).catch((e: unknown) => e);
  t.type(err, WrongExpectedVersionError);
  t.equal((err as WrongExpectedVersionError).expectedVersion, 0n);
  t.equal((err as WrongExpectedVersionError).actualVersion, 1n);
  t.equal((err as WrongExpectedVersionError).streamName, s);
  const noStream = await client.appendToStream(s, ev('X'), { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
  t.type(noStream, WrongExpectedVersionError);
  t.equal((noStream as WrongExpectedVersionError).expectedVersion, 'no_stream');
  const exists = await client.appendToStream(target.stream('absent'), ev('X'), { expectedRevision: 'stream_exists' }).catch((e: unknown) => e);
  t.type(exists, WrongExpectedVersionError);
  t.equal((exists as WrongExpectedVersionError).actualVersion, 'no_stream');
  t.equal((await collect(client.readStream(s))).length, 2, 'nothing was written');
});

t.test('with throwOnAppendFailure=false a conflict is a failed result, not an error', async (t) => {
  const sep = target.connectionString.includes('?') ? '&' : '?';
  const lenient = EventStoreDBClient.connectionString(`${target.connectionString}${sep}throwOnAppendFailure=false`);
  t.teardown(() => lenient.dispose());
  const s = target.stream('soft');
  await lenient.appendToStream(s, ev('A'));
  const result = await lenient.appendToStream(s, ev('B'), { expectedRevision: 5n });
  t.equal(result.success, false);
  t.equal((await collect(client.readStream(s))).length, 1);
});

t.test('idempotent: the same event ids at the same expected revision write nothing new', async (t) => {
  const s = target.stream('idem');
  const events = [ev('A', { n: 1 }), ev('B', { n: 2 })];
  const once = await client.appendToStream(s, events, { expectedRevision: 'no_stream' });
  const again = await client.appendToStream(s, events, { expectedRevision: 'no_stream' });
  t.equal(again.nextExpectedRevision, once.nextExpectedRevision);
  const withAny = await client.appendToStream(s, events, { expectedRevision: 'any' });
  t.equal(withAny.nextExpectedRevision, once.nextExpectedRevision);
  t.equal((await collect(client.readStream(s))).length, 2);
  const third = ev('C');
  await client.appendToStream(s, third, { expectedRevision: 1n });
  await client.appendToStream(s, third, { expectedRevision: 1n });
  t.same((await collect(client.readStream(s))).map((e) => e.event!.type), ['A', 'B', 'C']);
});

t.test('binary events, metadata and created come back as written', async (t) => {
  const s = target.stream('fidelity');
  const before = Date.now();
  await client.appendToStream(s, [
    jsonEvent({ type: 'J', data: { 志愿者: '守望', n: 1 }, metadata: { correlationId: 'c-1' } }),
    binaryEvent({ type: 'B', data: Uint8Array.from([0, 1, 2, 255]), metadata: Uint8Array.from([9, 8]) }),
  ]);
  const [j, b] = await collect(client.readStream(s));
  t.equal(j!.event!.isJson, true);
  t.same(j!.event!.data, { 志愿者: '守望', n: 1 });
  t.same(j!.event!.metadata, { correlationId: 'c-1' });
  t.equal(b!.event!.isJson, false);
  t.same(Array.from(b!.event!.data as Uint8Array), [0, 1, 2, 255]);
  t.same(Array.from(b!.event!.metadata as Uint8Array), [9, 8]);
  const created = j!.event!.created.getTime();
  t.ok(created >= before - 2000 && created <= Date.now() + 2000, 'created is the append time');
});

t.test('an append over the size limit is refused and writes nothing', async (t) => {
  const s = target.stream('big');
  const huge = binaryEvent({ type: 'Big', data: new Uint8Array(1024 * 1024 + 1) });
  const err = await client.appendToStream(s, huge).catch((e: unknown) => e);
  t.type(err, MaxAppendSizeExceededError);
  t.equal((await client.appendToStream(s, ev('Small'))).nextExpectedRevision, 0n, 'the stream is still empty');
});

t.test('appending to a tombstoned stream is refused', async (t) => {
  const s = target.stream('tomb');
  await client.appendToStream(s, ev('A'));
  await client.tombstoneStream(s);
  t.type(await client.appendToStream(s, ev('B')).catch((e: unknown) => e), StreamDeletedError);
});

t.test('many concurrent appends to one stream: exactly one wins each revision', async (t) => {
  const s = target.stream('race');
  await client.appendToStream(s, ev('Start'));
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => client.appendToStream(s, ev('Race', { i }), { expectedRevision: 0n })));
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  t.ok(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof WrongExpectedVersionError));
  t.equal((await collect(client.readStream(s))).length, 2);
});
