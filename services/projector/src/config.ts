import { z } from 'zod';

/** Configuration of the projector service, read from the environment once at start. */
export const ProjectorConfig = z.object({
  DATA_DIR: z.string().min(1).default('./.data').describe('Where views.sqlite lives (and the embedded store, if started here)'),
  ESDB_CONNECTION_STRING: z
    .string()
    .regex(/^esdb(\+discover)?:\/\//, 'an esdb:// connection string')
    .optional()
    .describe('EventStoreDB to follow; unset: start the embedded store under DATA_DIR/esdb'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters (HS256 key)'),
  PROJECTOR_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ProjectorConfig = z.infer<typeof ProjectorConfig>;

/** Parses the environment; throws one error naming every bad variable (never their values). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProjectorConfig {
  const parsed = ProjectorConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid projector configuration: ${problems}`);
  }
  return parsed.data;
}
