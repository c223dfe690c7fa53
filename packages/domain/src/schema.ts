import { z } from 'zod';

/** `{ type: 'X', data }` for an event; data objects are non-strict so newer fields survive old readers. */
export const eventOf = <T extends string, D extends z.ZodObject>(type: T, data: D, description: string) =>
  z.object({ type: z.literal(type), data }).describe(description);

/** `{ type: 'X', data }` for a command; unknown fields are refused. */
export const commandOf = <T extends string, D extends z.ZodObject>(type: T, data: D, description: string) =>
  z.strictObject({ type: z.literal(type), data }).describe(description);
