import { parseArgs } from 'node:util';
import pino from 'pino';
import { startEsdbServer } from './server.js';

/** `shouwang-esdb --port <port> --data-dir <dir> | --memory [--host <host>]` */
const usage = 'usage: shouwang-esdb [--port 2113] [--host 127.0.0.1] (--data-dir <dir> [--segment-bytes <n>] | --memory)';

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      'segment-bytes': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number\n${usage}`);
  process.exit(2);
}
const segmentBytes = values['segment-bytes'] === undefined ? undefined : Number(values['segment-bytes']);
if (segmentBytes !== undefined && (!Number.isSafeInteger(segmentBytes) || segmentBytes < 4096)) {
  console.error(`--segment-bytes must be a whole number of bytes, at least 4096\n${usage}`);
  process.exit(2);
}
if (values.memory === !!values['data-dir']) {
  // Both would silently throw the data directory's events away for an empty in-memory store.
  console.error(`give --data-dir <dir> or --memory, not both\n${usage}`);
  process.exit(2);
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const server = await startEsdbServer({
  port,
  host: values.host,
  ...(values.memory ? { memory: true } : { dataDir: values['data-dir']!, segmentBytes }),
  logger,
  // Restarting is the recovery: the log is reopened from what reached the disk.
  onBroken: () => process.exit(1),
});
// One machine-readable line, so scripts and tests can find the address.
console.log(`shouwang-esdb listening on ${server.connectionString}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
