import { deepStrictEqual } from 'node:assert/strict';
import { commandSchemas, commandStreamCategory, personalCommandFields, type DomainCommand } from '../commands/index.js';
import { eventSchemas, eventStreamCategory, personalFields, type DomainEvent } from '../events/index.js';
import { deciders } from '../deciders/index.js';
import { DomainError, domainErrorCodes, type DomainErrorCode } from '../errors.js';
import type { Decider } from '../decider.js';

/** Anything with tap's `strictSame`; without one, node:assert is used. */
export type Asserter = { strictSame(found: unknown, wanted: unknown, message: string): unknown };

const nodeAsserter: Asserter = { strictSame: (found, wanted, message) => deepStrictEqual(found, wanted, message) };

export type Outcome = { events: DomainEvent[]; error: null } | { events: null; error: DomainError };

const personalFieldsOf: Record<string, readonly string[]> = {
  ...personalFields,
  ...personalCommandFields,
};

/** Personal values in the history and the command, which must never appear in an error message. */
const personalValues = (messages: readonly { type: string; data: unknown }[]): string[] =>
  messages.flatMap((m) =>
    (personalFieldsOf[m.type] ?? [])
      .map((f) => (m.data as Record<string, unknown>)[f])
      .flatMap((v) => (v && typeof v === 'object' ? Object.values(v) : [v]))
      .filter((v): v is string => typeof v === 'string' && v.length >= 3),
  );

const run = (history: readonly DomainEvent[], command: DomainCommand): Outcome => {
  const category = commandStreamCategory[command.type];
  const decider = deciders[category] as unknown as Decider<DomainCommand, DomainEvent, unknown>;
  const state = history.filter((e) => eventStreamCategory[e.type] === category).reduce(decider.evolve, decider.initialState);
  try {
    return { events: decider.decide(command, state), error: null };
  } catch (e) {
    if (e instanceof DomainError) return { events: null, error: e };
    throw e;
  }
};

/**
 * given(history).when(command).then(events | errorCode): a decider test on the stream the command
 * belongs to. Given events of other streams are ignored, so one history can serve several
 * streams. The command is parsed with its schema first (defaults applied, bad input fails), and
 * every produced event must parse with its own schema.
 */
export const given = (history: readonly DomainEvent[] = []) => ({
  when(input: { type: DomainCommand['type']; data: unknown }) {
    const command = commandSchemas[input.type].parse(input) as DomainCommand;
    const outcome = run(history, command);
    return {
      outcome,
      then(expected: readonly DomainEvent[] | DomainErrorCode, t: Asserter = nodeAsserter): Outcome {
        if (typeof expected === 'string') {
          t.strictSame(outcome.error?.code ?? { decided: outcome.events }, expected, `${command.type} refused with ${expected}`);
          if (outcome.error) {
            t.strictSame(outcome.error.status, domainErrorCodes[expected].status, `${expected} has its documented status`);
            const leaked = personalValues([...history, input]).filter((v) => outcome.error.message.includes(v));
            t.strictSame(leaked, [], 'the error message carries no personal data');
          }
          return outcome;
        }
        t.strictSame(outcome.error ? { refused: outcome.error.code, message: outcome.error.message } : outcome.events, expected, `${command.type} decided`);
        for (const e of outcome.events ?? []) {
          const parsed = eventSchemas[e.type].safeParse(e);
          t.strictSame(parsed.success ? [] : parsed.error.issues, [], `${e.type} matches its schema`);
        }
        return outcome;
      },
    };
  },
});

/** Decides a command on a history; throws the DomainError on refusal. For property tests and fixtures. */
export const decideOn = (history: readonly DomainEvent[], command: DomainCommand): DomainEvent[] => {
  const outcome = run(history, command);
  if (outcome.error) throw outcome.error;
  return outcome.events;
};

