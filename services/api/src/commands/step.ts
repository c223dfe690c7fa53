import { eventIdFor, WrongExpectedVersionError, categoryOf, type EventMetadata, type EventStore, type StoredEvent } from '@shouwang/event-store';
import { currentSchemaVersion, upcast } from '@shouwang/domain';
import type { ApiMetrics } from '../ops/metrics.js';
import { withStreamLock } from './streamLocks.js';
import { cacheOf, foldedState } from './streamCache.js';
import { foldHistory, type StepDecider } from './fold.js';


/** One event of a step's answer: the same on the first call and on every retry. */
export interface AnsweredEvent {
  id: string;
  type: string;
  stream: string;
  revision: string;
}

export interface StepResult<S> {
  events: AnsweredEvent[];
  /** The command's events with their data (decided now, or found from the first time). */
  appended: { type: string; data: unknown }[];
  /** The state just before those events. */
  before: S;
  /** True when the command's events were already in the stream (a retried request). */
  replayed: boolean;
  /** State before the step decided (or, on a replay, the state the stream holds now). */
  state: S;
  history: StoredEvent[];
}

export interface StepInput<C, S> {
  store: EventStore;
  metrics: ApiMetrics;
  stream: string;
  decider: StepDecider<C, S>;
  command: C;
  metadata: Omit<EventMetadata, 'schemaVersion'>;
  maxRetries: number;
  /** Runs on the folded state and its history before deciding (authorization, reading facts); throws to refuse. */
  guard?: (state: S, history: StoredEvent[]) => void;
}

const versionOf = (type: string): number => (currentSchemaVersion as Record<string, number>)[type] ?? 1;


const answer = (stream: string, e: { id: string; type: string; revision: bigint }): AnsweredEvent => ({
  id: e.id,
  type: e.type,
  stream,
  revision: e.revision.toString(),
});

/**
 * The imperative shell around a decider, the system's one command loop (per-event schema
 * versions, upcasting, a guard before deciding and a cache of recent streams): read, fold,
 * guard, decide, append with the revision read, retry a bounded number of times on a
 * concurrency conflict. Event ids come from the command id, so a retried request finds its
 * events and appends nothing.
 */
export function runStep<C, S>(input: StepInput<C, S>): Promise<StepResult<S>> {
  return withStreamLock(input.store, input.stream, () => decideAndAppend(input));
}

async function decideAndAppend<C, S>(input: StepInput<C, S>): Promise<StepResult<S>> {
  const { store, stream, decider, command, metadata } = input;
  const cache = cacheOf(store);
  const firstId = eventIdFor(metadata.commandId, 0);
  const category = categoryOf(stream);
  for (let attempt = 0, conflicts = 0; ; attempt++) {
    const started = process.hrtime.bigint();
    const cached = attempt === 0 ? cache.get(stream) : undefined;
    const history = cached ? cached.history : await store.readStream(stream);
    let state: S;
    if (cached) state = foldedState(cached, decider);
    else {
      state = foldHistory(decider, history);
      cache.put(stream, history, { by: decider, state });
    }
    const firstAt = history.findIndex((e) => e.id === firstId);
    if (firstAt >= 0) {
      const earlier = history.filter((e) => e.metadata?.commandId === metadata.commandId);
      return {
        events: earlier.map((e) => answer(stream, e)),
        appended: earlier.map((e) => ({ type: e.type, data: upcast(e.type, e.metadata?.schemaVersion ?? 1, e.data) })),
        before: foldHistory(decider, history.slice(0, firstAt)),
        replayed: true,
        state,
        history,
      };
    }
    let decided: { type: string; data: unknown }[];
    try {
      // the guard reads the same history (e.g. where a dispatch takes place): a refusal of either
      // on what this process remembers is made sure of on a fresh read
      input.guard?.(state, history);
      decided = decider.decide(command, state);
    } catch (err) {
      if (cached) continue;
      throw err;
    }
    if (decided.length === 0) {
      if (cached) continue;
      return { events: [], appended: [], before: state, replayed: false, state, history };
    }
    const expected = history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
    const toAppend = decided.map((e, i) => ({
      id: eventIdFor(metadata.commandId, i),
      type: e.type,
      data: e.data,
      metadata: { ...metadata, schemaVersion: versionOf(e.type) },
    }));
    try {
      const result = await store.append(stream, toAppend, expected);
      input.metrics.appendDuration.observe({ category }, Number(process.hrtime.bigint() - started) / 1e9);
      const first = result.nextExpectedRevision - BigInt(toAppend.length) + 1n;
      const stored: StoredEvent[] = toAppend.map((e, i) => ({
        ...e,
        stream,
        revision: first + BigInt(i),
        position: i === toAppend.length - 1 ? result.position : -1n,
        created: new Date(),
      }));
      let after = state;
      for (const e of decided) after = decider.evolve(after, e as never);
      cache.put(stream, [...history, ...stored], { by: decider, state: after });
      return {
        events: stored.map((e) => answer(stream, e)),
        appended: decided,
        before: state,
        replayed: false,
        state,
        history,
      };
    } catch (err) {
      cache.drop(stream);
      if (err instanceof WrongExpectedVersionError && conflicts++ < input.maxRetries) {
        // Re-read at once; only a stream that keeps changing (another process hammering it) spreads the racers out.
        if (conflicts > 4) await new Promise((r) => setTimeout(r, Math.random() * conflicts));
        continue;
      }
      throw err;
    }
  }
}
