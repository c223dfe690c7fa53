import { z } from 'zod';

/** What the one-command start reads from the environment; every service reads its own on top. */
export const SystemConfig = z.object({
  DATA_DIR: z.string().min(1).default('./.data').describe('Everything the system keeps: esdb/, projector views, nats/'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('The API'),
  PROJECTOR_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  RELAY_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  ESDB_PORT: z.coerce.number().int().min(0).max(65535).default(2113).describe('The embedded store; 0 picks a free port'),
  NATS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined).describe('Unset: a nats-server of the system own, under DATA_DIR/nats'),
  DEMO: z.enum(['0', '1']).default('1').describe('1: load the demo city on first start'),
});
export type SystemConfig = z.infer<typeof SystemConfig>;
