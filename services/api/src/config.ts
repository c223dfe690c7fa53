import { z } from 'zod';
import { DEVELOPMENT_JWT_SECRET } from '@shouwang/auth';

/** The shortest signing key accepted when NODE_ENV=production (where the development key is refused). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

const flag = (fallback: '0' | '1') =>
  z
    .enum(['0', '1', 'true', 'false', ''])
    .default(fallback)
    .transform((v) => v === '1' || v === 'true');

/** TRUST_PROXY as fastify's `trustProxy` takes it: a flag, a hop count, or proxy addresses. */
function trustProxyOf(v: string): boolean | number | string[] {
  if (v === 'false' || v === 'true') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',');
}

/** Configuration of the API service, read from the environment once at start (names in docs/configuration.md). */
export const ApiConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    ESDB_CONNECTION_STRING: z
      .string()
      .regex(/^esdb(\+discover)?:\/\//, 'an esdb:// connection string')
      .optional()
      .describe('EventStoreDB to use; unset: the embedded store under DATA_DIR/esdb'),
    DATA_DIR: z.string().min(1).default('./.data'),
    JWT_SECRET: z.string().min(1).default(DEVELOPMENT_JWT_SECRET),
    JWT_ISSUER: z.string().min(1).default('shouwang'),
    JWT_AUDIENCE: z.string().min(1).default('shouwang-api'),
    DEMO: flag('0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(1200),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    TRUST_PROXY: z
      .string()
      .regex(/^(false|true|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, 'false, true, a number of proxy hops, or proxy addresses/CIDRs separated by commas')
      .default('false')
      .transform(trustProxyOf)
      .describe('Which proxies may name the client in X-Forwarded-For (the client address keys the limit on refused tokens)'),
    DISPATCH_RECOVERY: flag('1'),
    DISPATCH_RECOVERY_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV !== 'production') return;
    if (c.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'the development secret is refused in production' });
    } else if (c.JWT_SECRET.length < MIN_PRODUCTION_SECRET_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
      });
    }
  });
export type ApiConfig = z.infer<typeof ApiConfig>;

/** Parses the environment; the error names every bad variable but never echoes a value (secrets). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ApiConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid API configuration: ${problems}`);
  }
  return parsed.data;
}
