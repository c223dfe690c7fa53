import t from 'tap';
import { volunteerDecider, volunteerStream } from '@shouwang/domain';
import { buildCommand } from '../src/commands/build.js';
import { modeOfDistrict, readTarget } from '../src/commands/dispatch/facts.js';
import { runStep } from '../src/commands/step.js';
import { createMetrics } from '../src/ops/metrics.js';
import { memoryCheckpoint } from '../src/recovery/checkpoint.js';
import { startDispatchRecovery } from '../src/recovery/dispatchRecovery.js';
import { commander, countAll, ok, staffing, startPostScene, token, volunteerClaims } from './helpers.js';

// Crashes between the protocol's steps, reproduced by writing only the first step's events the way
// the handler does, then letting the recovery follow $all.
t.test('the recovery finishes dispatches a crash cut off, and writes nothing twice', async (t) => {
  const { app, store, time, d } = await startPostScene(t, { posts: ['one-seat', 'other'], staffing: staffing(1), volunteers: ['a', 'b', 'c'] });

  const ctx = { store, metrics: createMetrics(), clock: time.clock, maxRetries: 8 };
  const metadata = (commandId: string) => ({ commandId, correlationId: `crash-${commandId}`, causationId: commandId, actor: { role: 'dispatcher', id: 'x', districtId: d }, occurredAt: time.clock().toISOString() });
  /** Step 1 only, as if the process died right after it. */
  const reserveOnly = async (volunteerId: string, dispatchId: string, postId: string) => {
    const target = await readTarget(store, { kind: 'post_shift', postId, shiftId: 'am' });
    const { mode, plan } = await modeOfDistrict(store, d);
    const command = buildCommand('DispatchVolunteer', { dispatchId, volunteerId, target, mode, plan, respondBy: '2026-05-01T08:00:00.000Z', now: time.clock().toISOString() });
    await runStep({ ...ctx, stream: volunteerStream(volunteerId), decider: volunteerDecider as never, command, metadata: metadata(`cmd-${dispatchId}`) });
  };
  await reserveOnly('a', 'da', 'one-seat'); // seat free: recovery takes it
  await reserveOnly('c', 'dc', 'one-seat'); // seat then taken by a: recovery compensates
  await ok(app, '/v1/volunteers/b/dispatches', commander(), { dispatchId: 'db', target: { kind: 'post_shift', postId: 'other', shiftId: 'am' } });
  // b declines, and the process dies before the seat is released.
  const decline = buildCommand('DeclineDispatch', { volunteerId: 'b', dispatchId: 'db', now: time.clock().toISOString() });
  await runStep({ ...ctx, stream: volunteerStream('b'), decider: volunteerDecider as never, command: decline, metadata: metadata('cmd-decline') });

  const seats = async (postId: string) => (await app.inject({ method: 'GET', url: `/v1/posts/${postId}`, headers: { authorization: `Bearer ${await token(commander())}` } })).json().state;
  t.same(Object.keys((await seats('one-seat')).seats), [], 'before: the reserved dispatches hold no seat');
  t.same(Object.keys((await seats('other')).seats), ['db'], 'before: the declined dispatch still holds its seat');

  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const checkpoint = memoryCheckpoint();
  const recovery = startDispatchRecovery({ ctx, checkpoint, graceMs: 0, log });
  await recovery.caughtUp;
  await recovery.stop();

  const oneSeat = await seats('one-seat');
  t.same(Object.keys(oneSeat.seats), ['da'], 'the first reservation got its seat, and only it');
  t.ok(oneSeat.released.dc, 'the refused one left a release tombstone');
  const c = (await app.inject({ method: 'GET', url: '/v1/volunteers/c', headers: { authorization: `Bearer ${await token(volunteerClaims(d, 'c'))}` } })).json().state;
  t.equal(c.dispatches.dc.status, 'cancelled', 'the refused reservation was compensated');
  const other = await seats('other');
  t.same(Object.keys(other.seats), [], 'the declined dispatch freed its seat');
  const assigned = (await store.readStream('post-one-seat')).find((e) => e.type === 'PostShiftAssigned')!;
  t.equal(assigned.metadata.correlationId, 'crash-cmd-da', 'the recovered step keeps the correlation of the request');
  t.equal(assigned.metadata.actor.id, 'dispatch-recovery');
  t.ok(checkpoint.position !== undefined, 'the checkpoint moved');

  const count = await countAll(store);
  const again = startDispatchRecovery({ ctx, checkpoint: memoryCheckpoint(), graceMs: 0, log });
  await again.caughtUp;
  await again.stop();
  t.equal(await countAll(store), count, 'going through everything again writes nothing');
});

/** What the recovery tests share: a district with one post and volunteers, and step 1 alone. */
async function crashScene(t: { teardown(fn: () => unknown): void }, postStaffing: ReturnType<typeof staffing>) {
  const { app, store, time, d } = await startPostScene(t, { staffing: postStaffing, volunteers: ['a', 'c'] });
  const ctx = { store, metrics: createMetrics(), clock: time.clock, maxRetries: 8 };
  const reserveOnly = async (volunteerId: string, dispatchId: string) => {
    const target = await readTarget(store, { kind: 'post_shift', postId: 'p', shiftId: 'am' });
    const { mode, plan } = await modeOfDistrict(store, d);
    const command = buildCommand('DispatchVolunteer', { dispatchId, volunteerId, target, mode, plan, respondBy: '2026-05-01T08:00:00.000Z', now: time.clock().toISOString() });
    const metadata = { commandId: `cmd-${dispatchId}`, correlationId: `crash-${dispatchId}`, causationId: `cmd-${dispatchId}`, actor: { role: 'dispatcher', id: 'x', districtId: d }, occurredAt: time.clock().toISOString() };
    await runStep({ ...ctx, stream: volunteerStream(volunteerId), decider: volunteerDecider as never, command, metadata });
  };
  const seats = async () => Object.keys((await app.inject({ method: 'GET', url: '/v1/posts/p', headers: { authorization: `Bearer ${await token(commander())}` } })).json().state.seats);
  return { app, store, ctx, d, reserveOnly, seats };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

t.test('an event the recovery keeps failing on is tried again until it succeeds, never skipped', async (t) => {
  const { store, ctx, reserveOnly, seats } = await crashScene(t, staffing(1));
  await reserveOnly('a', 'da');
  // the store fails the reads of a's stream five times (a network fault, say), then answers
  let failures = 5;
  const flaky = Object.create(store) as typeof store;
  flaky.readStream = (stream, ...rest) => {
    if (stream === volunteerStream('a') && failures > 0) {
      failures -= 1;
      return Promise.reject(new Error('connection reset'));
    }
    return store.readStream(stream, ...rest);
  };
  const errors: unknown[] = [];
  const checkpoint = memoryCheckpoint();
  const recovery = startDispatchRecovery({ ctx: { ...ctx, store: flaky }, checkpoint, graceMs: 0, log: { ...quiet, error: (o) => errors.push(o) } });
  await recovery.caughtUp;
  await recovery.stop();
  t.equal(failures, 0, 'every injected failure was met');
  t.equal(errors.length, 5, 'each failure logged');
  t.same(await seats(), ['da'], 'the dispatch got its seat once the store answered');
});

t.test('a mode switched after the crash does not change how the dispatch is finished', async (t) => {
  // one seat in 平, two in 极: the dispatch was made under 平, where the post is already full
  const { app, ctx, reserveOnly, seats, d } = await crashScene(t, { normal: 1, combat: 1, emergency: 1, extreme: 2 });
  await ok(app, '/v1/volunteers/a/dispatches', commander(), { dispatchId: 'da', target: { kind: 'post_shift', postId: 'p', shiftId: 'am' } });
  await reserveOnly('c', 'dc');
  await ok(app, `/v1/modes/${d}/switch`, commander(), { to: 'extreme', reason: 'spread' });
  const recovery = startDispatchRecovery({ ctx, checkpoint: memoryCheckpoint(), graceMs: 0, log: quiet });
  await recovery.caughtUp;
  await recovery.stop();
  t.same(await seats(), ['da'], 'no second seat taken under the later mode');
  const c = (await app.inject({ method: 'GET', url: '/v1/volunteers/c', headers: { authorization: `Bearer ${await token(volunteerClaims(d, 'c'))}` } })).json().state;
  t.equal(c.dispatches.dc.status, 'cancelled', 'compensated as under the mode it was made in');
});
