import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { natsServerBinary, startNatsServer } from '@shouwang/testing';
import { SystemConfig } from './config.js';
import { startProcess, stopAll, type Started, type StartedProcess } from './processes.js';

/**
 * `pnpm start`: the whole system on one machine — the embedded store, the API (with the demo
 * city on first start), the projector and the relay to a nats-server of its own — each its own
 * process, sharing the store through its connection string, all data under DATA_DIR.
 */
function hasNatsServer(): boolean {
  try {
    natsServerBinary();
    return true;
  } catch {
    return false;
  }
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = SystemConfig.parse(process.env);
const dataDir = resolve(process.cwd(), config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });

const started: Started[] = [];
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await stopAll(started);
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

/**
 * Starts a service, known to `stop` from the moment it exists (a Ctrl-C or SIGTERM during
 * start-up stops it too); once ready, one that dies on its own takes the system down with it,
 * rather than leaving it half running.
 */
async function launch(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<StartedProcess> {
  const p = await startProcess(name, args, env, ready, { onSpawn: (s) => started.push(s) });
  void p.exited.then(() => {
    if (stopping) return;
    console.error(`${p.name} stopped on its own; stopping everything`);
    void stop(1);
  });
  return p;
}

try {
  const store = await launch(
    'store',
    [`${root}packages/esdb-server/src/cli.ts`, '--port', String(config.ESDB_PORT), '--data-dir', resolve(dataDir, 'esdb')],
    { LOG_LEVEL: 'warn' },
    /listening on (\S+)/,
  );
  const esdb = /listening on (\S+)/.exec(store.line)![1]!;
  const shared = { ESDB_CONNECTION_STRING: esdb, DATA_DIR: dataDir };

  await launch('api', [`${root}services/api/src/main.ts`], { ...shared, PORT: String(config.PORT), DEMO: config.DEMO, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, /listening on/);
  await launch('projector', [`${root}services/projector/src/main.ts`], { ...shared, PORT: String(config.PROJECTOR_PORT), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }, /projector (caught up|resuming)/);

  let natsUrl = config.NATS_URL;
  if (!natsUrl) {
    if (hasNatsServer()) {
      const nats = await startNatsServer({ storeDir: resolve(dataDir, 'nats') });
      started.push({ name: 'nats', stop: () => nats.stop() });
      natsUrl = nats.url;
      console.log(`[nats] nats-server (JetStream) on ${nats.url}, store ${resolve(dataDir, 'nats')}`);
    } else {
      console.log('[relay] not started: no NATS_URL and no nats-server on this machine (./scripts/setup installs it)');
    }
  }
  if (natsUrl) {
    await launch('relay', [`${root}services/relay/src/main.ts`], { ...shared, NATS_URL: natsUrl, PORT: String(config.RELAY_PORT), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }, /relay listening/);
  }

  console.log(`
Shouwang is running (data in ${dataDir}; Ctrl-C stops everything).
  API        http://127.0.0.1:${config.PORT}      docs: /docs   OpenAPI: /openapi.json
  views      http://127.0.0.1:${config.PROJECTOR_PORT}/v1/views/…   live: /v1/views/stream
  relay      ${natsUrl ? `${natsUrl} → JetStream SHOUWANG_EVENTS, health http://127.0.0.1:${config.RELAY_PORT}/healthz` : 'off'}
  store      ${esdb}
  tokens     pnpm --filter @shouwang/api tokens
`);
} catch (err) {
  console.error(`start failed: ${(err as Error).message}`);
  await stop(1);
}
