/** A decider: pure decisions from a folded state (Chassaing). `decide` throws DomainError to refuse. */
export type Decider<Command, Event, State> = {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
};

/** Folds a stream's events into a state. */
export const fold = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S =>
  events.reduce((s, e) => decider.evolve(s, e), decider.initialState);

/** Makes the compiler prove every command or event type is handled. */
export const assertNever = (value: never): never => {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
};
