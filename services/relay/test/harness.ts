import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { AckPolicy, DeliverPolicy, type JetStreamManager, type NatsConnection } from 'nats';
import { shouwangStreamPrefixes, type EventStore, type NewEvent } from '@shouwang/event-store';

export const STREAM = 'SHOUWANG_EVENTS';
const categories = ['volunteer', 'post', 'request', 'donation', 'team', 'mode', 'org'];
const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function newEvent(i: number, stream: string): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: i % 3 === 0 ? 'VolunteerDispatched' : 'ServiceCompleted',
    data: { districtId: `d-${i % 4}`, n: i, stream },
    metadata: {
      commandId: id,
      correlationId: id,
      causationId: id,
      actor: { role: 'dispatcher', id: 'u-1', districtId: 'd-1' },
      occurredAt: new Date(0).toISOString(),
      schemaVersion: 1,
    },
  };
}

/**
 * Writes `total` events in batches of `batch` to streams of every category (`perStream` events each),
 * plus a few foreign streams the relay must skip. Appends run a few at a time.
 */
export async function seedEvents(store: EventStore, total: number, { batch = 500, perStream = 1000, tag = randomUUID().slice(0, 8) } = {}): Promise<void> {
  const jobs: { stream: string; events: NewEvent[] }[] = [];
  for (let i = 0; i < total; i += batch) {
    const n = Math.min(batch, total - i);
    const streamNo = Math.floor(i / perStream);
    const stream = `${categories[streamNo % categories.length]}-${tag}-${streamNo}`;
    jobs.push({ stream, events: Array.from({ length: n }, (_, k) => newEvent(i + k, stream)) });
  }
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await store.append(job.stream, job.events, 'any');
      }
    }),
  );
  await store.append(`audit-${tag}`, [newEvent(-1, `audit-${tag}`)], 'any');
}

/** The ids of our events in `$all` order: what the JetStream stream must hold, exactly. */
export async function expectedIds(store: EventStore): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of store.readAll()) {
    if (shouwangStreamPrefixes.some((p) => e.stream.startsWith(p))) ids.push(e.id);
  }
  return ids;
}

export async function streamMessages(jsm: JetStreamManager): Promise<number> {
  try {
    return (await jsm.streams.info(STREAM)).state.messages;
  } catch {
    return 0;
  }
}

/** Polls until the stream holds `count` messages (or rejects after `timeoutMs`). */
export async function waitForMessages(jsm: JetStreamManager, count: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await streamMessages(jsm).catch(() => 0);
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`stream holds ${n} of ${count} messages after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** What a fresh durable pull consumer receives: every delivery's event id, in delivery order. */
export async function consumeAll(nc: NatsConnection, expected: number, durable = `verify-${randomUUID().slice(0, 8)}`): Promise<{ ids: string[]; redelivered: number }> {
  const jsm = await nc.jetstreamManager();
  await jsm.consumers.add(STREAM, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: 60_000_000_000 });
  const consumer = await nc.jetstream().consumers.get(STREAM, durable);
  const ids: string[] = [];
  let redelivered = 0;
  let idle = 0;
  while (ids.length < expected || idle < 1) {
    const batch = await consumer.fetch({ max_messages: 2000, expires: 1000 });
    let got = 0;
    for await (const m of batch) {
      got++;
      if (m.info.redelivered) redelivered++;
      ids.push(m.headers?.get('ce-id') ?? '');
      m.ack();
    }
    if (got === 0) idle++;
    if (ids.length >= expected && got === 0) break;
  }
  return { ids, redelivered };
}

/** Checks the consumer saw every event once, in `$all` order (hence in order per event stream). */
export function compare(expected: string[], got: string[]): { lost: number; duplicated: number; outOfOrder: number } {
  const seen = new Map<string, number>();
  for (const id of got) seen.set(id, (seen.get(id) ?? 0) + 1);
  const lost = expected.filter((id) => !seen.has(id)).length;
  let duplicated = 0;
  for (const n of seen.values()) if (n > 1) duplicated += n - 1;
  let outOfOrder = 0;
  for (let i = 0; i < Math.min(expected.length, got.length); i++) if (expected[i] !== got[i]) outOfOrder++;
  return { lost, duplicated, outOfOrder };
}

export interface RelayProcess {
  child: ChildProcess;
  /** The last lines it wrote, for failure messages. */
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Runs services/relay/src/main.ts as a child process, the way it runs in production (killed if the test process exits). */
export function spawnRelay(env: Record<string, string>): RelayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  children.add(child);
  const exited = once(child, 'exit');
  void exited.then(() => children.delete(child));
  return {
    child,
    output: () => out,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      return child.exitCode;
    },
  };
}
