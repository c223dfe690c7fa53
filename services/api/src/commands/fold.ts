import { upcast } from '@shouwang/domain';
import type { StoredEvent } from '@shouwang/event-store';

/** A decider as the command shell needs it (structurally the domain's). */
export interface StepDecider<C, S> {
  decide(command: C, state: S): { type: string; data: unknown }[];
  evolve(state: S, event: never): S;
  initialState: S;
}

/** Folds stored events, upcasting older schema versions first. */
export function foldHistory<C, S>(decider: StepDecider<C, S>, history: StoredEvent[]): S {
  let state = decider.initialState;
  for (const e of history) {
    const data = upcast(e.type, e.metadata?.schemaVersion ?? 1, e.data);
    state = decider.evolve(state, { type: e.type, data } as never);
  }
  return state;
}
