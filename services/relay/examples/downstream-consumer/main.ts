// Example downstream consumer: prints each Shouwang event once (durable, idempotent by event id).
//   NATS_URL=nats://127.0.0.1:4222 FILTER_SUBJECT='shouwang.events.>' \
//     node --import tsx services/relay/examples/downstream-consumer/main.ts
import { connect } from 'nats';
import { ProcessedIds } from './processedIds.js';
import { startDownstreamConsumer } from './consumer.js';

const nc = await connect({ servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',') });
const running = await startDownstreamConsumer({
  nc,
  durable: process.env.CONSUMER_NAME ?? 'downstream-example',
  ...(process.env.FILTER_SUBJECT ? { filterSubject: process.env.FILTER_SUBJECT } : {}),
  processed: new ProcessedIds(process.env.PROCESSED_IDS_FILE ?? '.data/downstream-example.ids'),
  handle: (event, subject) => {
    // Types and positions only: the body may hold personal data, which does not belong in logs.
    console.log(`${subject} ${event.stream}@${event.revision} position ${event.position}`);
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.stop().then(() => nc.drain()).then(() => process.exit(0));
  });
}
