import {
  DomainError,
  assignmentFor,
  compensationFor,
  deciders,
  eventStreamCategory,
  fold,
  followUpFor,
  parseStreamName,
  postStream,
  requestStream,
  targetStream,
  volunteerDecider,
  volunteerStream,
  type Decider,
  type DispatchVolunteer,
  type DomainCommand,
  type DomainEvent,
  type VolunteerCommand,
  type VolunteerEvent,
} from '../../src/index.js';

// The dispatch protocol of docs/dispatch-consistency.md over in-memory streams with expected
// revisions. Handlers are generators that yield between reading and appending, so a scheduler
// can interleave many of them (and drop one mid-way, as a crash) to hunt for races.

export class MemoryStore {
  readonly streams = new Map<string, DomainEvent[]>();
  read(stream: string): DomainEvent[] {
    return [...(this.streams.get(stream) ?? [])];
  }
  /** Appends only at the expected revision (the length read); false is a WrongExpectedVersion. */
  append(stream: string, expectedLength: number, events: DomainEvent[]): boolean {
    const current = this.streams.get(stream) ?? [];
    if (current.length !== expectedLength) return false;
    this.streams.set(stream, [...current, ...events]);
    return true;
  }
}

type Outcome = { events: DomainEvent[]; before: unknown } | { error: DomainError };
export type Step = Generator<void, void, void>;

const deciderOf = (stream: string) => {
  const parsed = parseStreamName(stream);
  if (!parsed) throw new Error(`not a stream: ${stream}`);
  return deciders[parsed.category] as unknown as Decider<DomainCommand, DomainEvent, unknown>;
};

/** read, fold, decide, (yield), append with expected revision; retry on conflict. */
export function* handle(store: MemoryStore, stream: string, command: DomainCommand): Generator<void, Outcome, void> {
  const decider = deciderOf(stream);
  for (let attempt = 0; attempt < 50; attempt++) {
    const history = store.read(stream);
    const before = fold(decider, history);
    let decided: DomainEvent[];
    try {
      decided = decider.decide(command, before);
    } catch (e) {
      if (e instanceof DomainError) return { error: e };
      throw e;
    }
    yield;
    if (decided.length === 0 || store.append(stream, history.length, decided)) return { events: decided, before };
  }
  throw new Error(`too many conflicts on ${stream}`);
}

/** Runs the release/fulfil follow-ups of volunteer-stream events. */
export function* followUps(store: MemoryStore, before: unknown, events: DomainEvent[], now: string): Step {
  let state = before as ReturnType<typeof fold<VolunteerCommand, VolunteerEvent, typeof volunteerDecider.initialState>>;
  for (const e of events as VolunteerEvent[]) {
    const next = followUpFor(state, e, now);
    state = volunteerDecider.evolve(state, e);
    if (!next) continue;
    const stream = next.type === 'ReleasePostAssignment' ? postStream(next.data.postId) : requestStream(next.data.requestId);
    yield* handle(store, stream, next);
  }
}

/** A volunteer-stream command followed by its follow-ups. */
export function* volunteerCommand(store: MemoryStore, command: VolunteerCommand, now: string): Step {
  const outcome = yield* handle(store, volunteerStream(command.data.volunteerId), command);
  if ('events' in outcome) yield* followUps(store, outcome.before, outcome.events, now);
}

/** Steps 2 and 3 (seat, else compensate) for a reservation. */
export function* seatOrCompensate(store: MemoryStore, d: DispatchVolunteer['data']): Step {
  const seat = yield* handle(store, targetStream(d.target), assignmentFor(d));
  if ('error' in seat) yield* volunteerCommand(store, compensationFor(d, seat.error, d.now), d.now);
}

/** The whole dispatch handler: step 1, then steps 2/3. */
export function* dispatchHandler(store: MemoryStore, command: DispatchVolunteer): Step {
  const reserved = yield* handle(store, volunteerStream(command.data.volunteerId), command);
  if ('error' in reserved) return;
  yield* seatOrCompensate(store, command.data);
}

/**
 * The dispatch process manager of section 6, run to completion over every volunteer stream:
 * roll forward every reservation still open, and re-run every follow-up.
 */
export function* recover(store: MemoryStore, modeFor: (d: DispatchVolunteer['data']['target']) => Pick<DispatchVolunteer['data'], 'mode' | 'plan'>, now: string): Step {
  const volunteerStreams = [...store.streams.keys()].filter((s) => s.startsWith('volunteer-'));
  for (const stream of volunteerStreams) {
    const history = store.read(stream) as VolunteerEvent[];
    for (let i = 0; i < history.length; i++) {
      const e = history[i]!;
      if (e.type === 'VolunteerDispatched') {
        const state = fold(volunteerDecider, store.read(stream) as VolunteerEvent[]);
        const record = state.dispatches[e.data.dispatchId];
        if (record && (record.status === 'offered' || record.status === 'accepted')) {
          yield* seatOrCompensate(store, {
            dispatchId: record.dispatchId,
            volunteerId: e.data.volunteerId,
            target: record.target,
            ...modeFor(record.target),
            respondBy: record.respondBy,
            now,
          });
        }
      } else {
        yield* followUps(store, fold(volunteerDecider, history.slice(0, i)), [e], now);
      }
    }
  }
}

/** Runs steps of several processes in the order the picks choose; a kill drops a process mid-way. */
export const schedule = (processes: Step[], picks: readonly number[], kills: readonly boolean[]): { killed: number } => {
  const live = [...processes];
  let killed = 0;
  for (let i = 0; live.length > 0; i++) {
    const index = (picks[i % Math.max(1, picks.length)] ?? 0) % live.length;
    const proc = live[index]!;
    if (i < kills.length && kills[i]) {
      live.splice(index, 1);
      killed++;
      continue;
    }
    if (proc.next().done) live.splice(index, 1);
  }
  return { killed };
};

export const runToEnd = (step: Step): void => {
  while (!step.next().done) {
    // drive it alone
  }
};

export const eventsOf = (store: MemoryStore, prefix: string): Map<string, DomainEvent[]> =>
  new Map([...store.streams].filter(([s]) => s.startsWith(prefix)));

export { eventStreamCategory };
