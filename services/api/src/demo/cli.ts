import { openEventStore } from '@shouwang/event-store';
import { loadConfig } from '../config.js';
import { loadDemoCity } from './load.js';
import { join, resolve } from 'node:path';

/** `pnpm --filter @shouwang/api demo`: loads the demo city into the configured store. */
async function main(): Promise<void> {
  const config = loadConfig();
  // `pnpm --filter` runs in the package folder: a relative DATA_DIR means the caller's folder.
  const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), config.DATA_DIR);
  const store = await openEventStore({
    ...(config.ESDB_CONNECTION_STRING ? { connectionString: config.ESDB_CONNECTION_STRING } : { dataDir: join(dataDir, 'esdb') }),
  });
  try {
    const started = Date.now();
    const result = await loadDemoCity(store, { onProgress: (done, total) => console.log(`demo city: ${done}/${total} streams`) });
    console.log(
      result.alreadyLoaded
        ? 'demo city: already loaded, nothing appended'
        : `demo city: ${result.events} events in ${result.appended} streams, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
