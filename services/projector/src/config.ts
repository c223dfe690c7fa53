import { z } from 'zod';
import { DEVELOPMENT_JWT_SECRET } from '@shouwang/auth';

/** Configuration of the projector service, read from the environment once at start. */
export const ProjectorConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATA_DIR: z.string().min(1).default('./.data').describe('Where views.sqlite lives (and the embedded store, if started here)'),
    ESDB_CONNECTION_STRING: z
      .string()
      .regex(/^esdb(\+discover)?:\/\//, 'an esdb:// connection string')
      .optional()
      .describe('EventStoreDB to follow; unset: start the embedded store under DATA_DIR/esdb'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    HOST: z.string().default('127.0.0.1'),
    JWT_SECRET: z.string().min(1).default(DEVELOPMENT_JWT_SECRET).describe("The API's HS256 key"),
    JWT_ISSUER: z.string().min(1).default('shouwang'),
    JWT_AUDIENCE: z.string().min(1).default('shouwang-api'),
    // a `?at` inside a batch replays up to one batch from the store: the bound keeps it within 2 s
    PROJECTOR_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV !== 'production') return;
    if (c.JWT_SECRET === DEVELOPMENT_JWT_SECRET || c.JWT_SECRET.length < 32)
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production needs its own secret of at least 32 characters' });
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
