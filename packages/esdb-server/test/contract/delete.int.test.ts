import t from 'tap';
import { EventStoreDBClient, jsonEvent, StreamDeletedError, WrongExpectedVersionError } from '@eventstore/db-client';
import { collect, contractTarget } from './target.js';

const target = await contractTarget();
t.teardown(() => target.close());
const { client } = target;
const ev = (type: string) => jsonEvent({ type, data: {} });
const notFound = (e: unknown) => (e as { type?: string }).type === 'stream-not-found';

t.test('soft delete: the stream reads as absent, and can be written again with revisions continuing', async (t) => {
  const s = target.stream('soft');
  await client.appendToStream(s, [ev('A'), ev('B')]);
  const deleted = await client.deleteStream(s, { expectedRevision: 1n });
  t.ok(deleted.position && deleted.position.commit > 0n);
  t.ok(notFound(await collect(client.readStream(s)).catch((e: unknown) => e)), 'reads as not found');
  const again = await client.appendToStream(s, ev('C'), { expectedRevision: 'no_stream' });
  t.equal(again.nextExpectedRevision, 2n, 'the revision continues');
  t.same((await collect(client.readStream(s))).map((e) => e.event!.type), ['C'], 'old events stay hidden');
});

t.test('a delete with the wrong expected revision is a WrongExpectedVersionError and changes nothing', async (t) => {
  const s = target.stream('delwev');
  await client.appendToStream(s, [ev('A'), ev('B')]);
  const err = await client.deleteStream(s, { expectedRevision: 0n }).catch((e: unknown) => e);
  t.type(err, WrongExpectedVersionError);
  t.equal((err as WrongExpectedVersionError).expectedVersion, 0n);
  t.equal((err as WrongExpectedVersionError).actualVersion, 1n);
  const noStream = await client.tombstoneStream(target.stream('never'), { expectedRevision: 0n }).catch((e: unknown) => e);
  t.type(noStream, WrongExpectedVersionError);
  t.equal((await collect(client.readStream(s))).length, 2);
});

t.test('tombstone: reads and writes answer StreamDeletedError for good', async (t) => {
  const s = target.stream('tomb');
  await client.appendToStream(s, ev('A'));
  await client.tombstoneStream(s, { expectedRevision: 0n });
  t.type(await collect(client.readStream(s)).catch((e: unknown) => e), StreamDeletedError);
  t.type(await client.appendToStream(s, ev('B'), { expectedRevision: 'any' }).catch((e: unknown) => e), StreamDeletedError);
  t.type(await client.tombstoneStream(s).catch((e: unknown) => e), StreamDeletedError);
});

t.test('esdb+discover:// finds the node through Gossip.Read', async (t) => {
  if (target.name === 'external') {
    t.pass('the external target is reached as configured');
    return;
  }
  const discover = EventStoreDBClient.connectionString(target.connectionString.replace('esdb://', 'esdb+discover://'));
  t.teardown(() => discover.dispose());
  const s = target.stream('gossip');
  await discover.appendToStream(s, ev('Found'));
  t.same((await collect(client.readStream(s))).map((e) => e.event!.type), ['Found']);
});
