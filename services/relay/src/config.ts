import { z } from 'zod';

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

/** The relay's configuration, read from the environment (names documented in docs/configuration.md). */
export const RelayConfig = z.object({
  /** One or more NATS servers, comma separated. */
  NATS_URL: z
    .string()
    .default('nats://127.0.0.1:4222')
    .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(nats|tls|ws|wss):\/\/[^\s]+$/, 'must be nats://host:port')).min(1)),
  /** Unset: the embedded store is started (development only). */
  ESDB_CONNECTION_STRING: z
    .string()
    .regex(/^esdb(\+discover)?:\/\//, 'must start with esdb:// or esdb+discover://')
    .optional(),
  RELAY_STREAM_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('SHOUWANG_EVENTS'),
  RELAY_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'dot-separated tokens without wildcards')
    .default('shouwang.events'),
  /** JetStream's duplicate window for Nats-Msg-Id, in milliseconds. */
  RELAY_DUPLICATE_WINDOW_MS: positiveInt(120_000),
  RELAY_STREAM_REPLICAS: positiveInt(1).pipe(z.number().max(5)),
  /** Publishes awaiting a JetStream ack at once. */
  RELAY_MAX_IN_FLIGHT: positiveInt(512).pipe(z.number().max(10_000)),
  /** Ack timeout per publish, in milliseconds. */
  RELAY_PUBLISH_TIMEOUT_MS: positiveInt(5_000),
  /** Loopback unless told otherwise (a container sets 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type RelayConfig = z.infer<typeof RelayConfig>;

/** Parses the environment; throws one error naming every bad variable. */
export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const parsed = RelayConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid relay configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
