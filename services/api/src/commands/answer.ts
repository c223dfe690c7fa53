import { z } from 'zod';
import type { AnsweredEvent } from './step.js';

/** The reply to a command: derived only from the events it appended, so a retry answers the same. */
export const CommandAnswer = z
  .object({
    commandId: z.string().describe('Derived from the Idempotency-Key (or generated); the events\' ids derive from it'),
    events: z
      .array(
        z.object({
          id: z.string().describe('Event id (deterministic from the command id)'),
          type: z.string(),
          stream: z.string(),
          revision: z.string().describe('Stream revision of the event (decimal string)'),
        }),
      )
      .describe('Events appended by the command (empty when it changed nothing)'),
  })
  .describe('Command accepted');
export type CommandAnswer = z.infer<typeof CommandAnswer>;

export interface CommandOutcome {
  status: 200 | 201;
  body: CommandAnswer;
}

/** 201 when the command created its aggregate (its first event is revision 0), else 200. */
export function outcome(commandId: string, events: AnsweredEvent[]): CommandOutcome {
  return { status: events[0]?.revision === '0' ? 201 : 200, body: { commandId, events } };
}
