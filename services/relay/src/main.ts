import { pino } from 'pino';
import { loadRelayConfig } from './config.js';
import { startRelayService } from './service.js';

const config = loadRelayConfig();
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'relay' } });
const service = await startRelayService(config, logger);
logger.info({ port: service.port }, 'relay listening');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping relay');
    service.stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: { message: err.message } }, 'relay stopped with an error');
        process.exit(1);
      },
    );
  });
}
