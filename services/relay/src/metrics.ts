import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The relay's Prometheus metrics, in a registry of its own. */
export function createRelayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    published: new Counter({ name: 'shouwang_relay_events_published_total', help: 'Events acknowledged by JetStream', registers: [registry] }),
    duplicates: new Counter({ name: 'shouwang_relay_duplicate_acks_total', help: 'Publishes JetStream reported as duplicates', registers: [registry] }),
    fenceFailures: new Counter({
      name: 'shouwang_relay_fence_failures_total',
      help: 'Publishes refused because the stream was not at the expected last sequence',
      registers: [registry],
    }),
    resyncs: new Counter({ name: 'shouwang_relay_resyncs_total', help: 'Times the relay re-read the stream tail and resumed', registers: [registry] }),
    lagEvents: new Gauge({ name: 'shouwang_relay_lag_events', help: 'Our events in the store not yet acknowledged by JetStream (capped by the sampler)', registers: [registry] }),
    lagSeconds: new Gauge({ name: 'shouwang_relay_lag_seconds', help: 'Age of the oldest event not yet acknowledged by JetStream', registers: [registry] }),
    lastPosition: new Gauge({ name: 'shouwang_relay_last_published_position', help: '$all commit position of the last acknowledged event', registers: [registry] }),
    lastSequence: new Gauge({ name: 'shouwang_relay_stream_last_sequence', help: 'JetStream sequence of the last acknowledged event', registers: [registry] }),
  };
}
export type RelayMetrics = ReturnType<typeof createRelayMetrics>;
