import { currentSchemaVersion, defaultPlans, modeStream } from '@shouwang/domain';
import { eventIdFor, WrongExpectedVersionError, type EventStore, type NewEvent } from '@shouwang/event-store';
import { demoCity, scaled, type DistrictFigures } from './figures.js';
import { cityStreams, districtStreams, type DemoStream } from './streams.js';

export interface DemoLoadOptions {
  /** 1 = the briefing sizes; tests load a fraction. */
  scale?: number;
  /** Appends in flight at once. */
  concurrency?: number;
  now?: Date;
  districts?: DistrictFigures[];
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLoadResult {
  streams: number;
  /** Streams appended now; 0 when the city was loaded before. */
  appended: number;
  events: number;
  alreadyLoaded: boolean;
}

const MAX_EVENTS_PER_APPEND = 500;
const VERSION = (type: string) => (currentSchemaVersion as Record<string, number>)[type] ?? 1;

/** Every event of a stream in as few appends as possible, ids derived from the stream so a reload appends nothing. */
async function appendStream(store: EventStore, s: DemoStream): Promise<number> {
  const commandId = `demo-city/${s.stream}`;
  const occurredAt = new Date().toISOString();
  const events: NewEvent[] = s.events.map((e, i) => ({
    id: eventIdFor(commandId, i),
    type: e.type,
    data: e.data,
    metadata: {
      commandId,
      correlationId: 'demo-city',
      causationId: commandId,
      actor: { role: 'system', id: 'demo-loader', districtId: null },
      occurredAt,
      schemaVersion: VERSION(e.type),
    },
  }));
  let appended = 0;
  for (let from = 0; from < events.length; from += MAX_EVENTS_PER_APPEND) {
    const chunk = events.slice(from, from + MAX_EVENTS_PER_APPEND);
    try {
      await store.append(s.stream, chunk, from === 0 ? 'no_stream' : BigInt(from - 1));
      appended += chunk.length;
    } catch (err) {
      // Already there from an earlier (maybe interrupted) load: leave it as it is.
      if (err instanceof WrongExpectedVersionError) return appended;
      throw err;
    }
  }
  return appended;
}

/**
 * Loads the demo city (Haidian in 战, Daxing in 平, the city in 平) sized from the briefings.
 * Idempotent: the city's mode stream is written last and marks a complete load; an interrupted
 * load resumes, skipping every stream that exists.
 */
export async function loadDemoCity(store: EventStore, opts: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const scale = opts.scale ?? 1;
  const districts = (opts.districts ?? demoCity).map((f) => (scale === 1 ? f : scaled(f, scale)));
  const marker = modeStream('city');
  const now = opts.now ?? new Date();
  const streams = [...districts.flatMap((f) => districtStreams(f, now)), ...cityStreams(now, defaultPlans.normal)];
  if ((await store.readStream(marker, { maxCount: 1 })).length > 0) {
    return { streams: streams.length, appended: 0, events: 0, alreadyLoaded: true };
  }
  // The marker goes last, after everything else is in.
  const body = streams.filter((s) => s.stream !== marker);
  const last = streams.filter((s) => s.stream === marker);
  let next = 0;
  let appendedStreams = 0;
  let events = 0;
  const concurrency = opts.concurrency ?? 64;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= body.length) return;
      const n = await appendStream(store, body[i]!);
      if (n > 0) appendedStreams++;
      events += n;
      if (i % 1000 === 0) opts.onProgress?.(i, body.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const s of last) {
    const n = await appendStream(store, s);
    if (n > 0) appendedStreams++;
    events += n;
  }
  return { streams: streams.length, appended: appendedStreams, events, alreadyLoaded: false };
}
