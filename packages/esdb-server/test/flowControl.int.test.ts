import t from 'tap';
import { Metadata } from '@grpc/grpc-js';
import { binaryEvent } from '@eventstore/db-client';
import { sharedPb, streamsPb } from '../src/grpc/proto.js';
import { collect } from './contract/target.js';
import { startRawTarget } from './rawTarget.js';

// A subscriber that stops reading must slow only its own cursor: the server may not encode
// and queue the whole history for it. 200 MB of history against a paused raw subscriber; an
// unbounded server would hold a copy of most of it in its write queue.
const { client, raw } = await startRawTarget(t);

const EVENT_BYTES = 100_000;
const APPENDS = 200;
const PER_APPEND = 10;
const payload = Buffer.alloc(EVENT_BYTES, 7);
for (let a = 0; a < APPENDS; a++) {
  await client.appendToStream(`bulk-${a % 20}`, Array.from({ length: PER_APPEND }, () => binaryEvent({ type: 'Bulk', data: payload })));
}
const total = APPENDS * PER_APPEND;

function subscribeToAllFromStart() {
  const o = new streamsPb.ReadReq.Options();
  const all = new streamsPb.ReadReq.Options.AllOptions();
  all.setStart(new sharedPb.Empty());
  o.setAll(all);
  o.setReadDirection(streamsPb.ReadReq.Options.ReadDirection.FORWARDS);
  o.setSubscription(new streamsPb.ReadReq.Options.SubscriptionOptions());
  o.setNoFilter(new sharedPb.Empty());
  const uuid = new streamsPb.ReadReq.Options.UUIDOption();
  uuid.setString(new sharedPb.Empty());
  o.setUuidOption(uuid);
  const req = new streamsPb.ReadReq();
  req.setOptions(o);
  return raw.read(req, new Metadata());
}

t.test('a paused subscriber holds back the server; resumed, it gets every event once, in order', async (t) => {
  const before = process.memoryUsage().arrayBuffers;
  const call = subscribeToAllFromStart();
  const positions: bigint[] = [];
  let caughtUp = false;
  call.on('data', (resp: InstanceType<typeof streamsPb.ReadResp>) => {
    if (resp.hasEvent()) positions.push(BigInt(resp.getEvent()!.getEvent()!.getCommitPosition()));
    if (resp.hasCaughtUp()) caughtUp = true;
  });
  call.pause();
  // Give the server every chance to run ahead of the subscriber.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 100));
  const held = process.memoryUsage().arrayBuffers - before;
  t.ok(held < 64 * 1024 * 1024, `while paused the process holds ${Math.round(held / 1e6)} MB more, not the ${(total * EVENT_BYTES) / 1e6} MB history`);

  call.resume();
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (caughtUp) {
        clearInterval(check);
        resolve();
      }
    }, 20);
    call.on('error', reject);
  });
  call.cancel();
  t.equal(positions.length, total, 'every event arrived');
  t.ok(positions.every((p, i) => i === 0 || p > positions[i - 1]!), 'in $all order, none twice');
  t.equal((await collect(client.readStream('bulk-0', { maxCount: 1 }))).length, 1, 'the server still answers others');
});
