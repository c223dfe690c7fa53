import { openEventStore } from '@shouwang/event-store';
import { loadConfig } from '../config.js';
import { loadDemoCity } from './load.js';
import { join } from 'node:path';

/** `pnpm --filter @shouwang/api demo`: loads the demo city into the configured store. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openEventStore({
    ...(config.ESDB_CONNECTION_STRING ? { connectionString: config.ESDB_CONNECTION_STRING } : { dataDir: join(config.DATA_DIR, 'esdb') }),
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
