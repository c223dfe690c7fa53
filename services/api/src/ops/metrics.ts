import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The API's Prometheus metrics, on a registry of its own (one per app, so tests do not collide). */
export interface ApiMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  commands: Counter<'type' | 'outcome'>;
  appendDuration: Histogram<'category'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'shouwang_api_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'shouwang_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'shouwang_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    commands: new Counter({
      name: 'shouwang_commands_total',
      help: 'Commands handled by type and outcome (applied, replayed, refused, conflict, failed)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    appendDuration: new Histogram({
      name: 'shouwang_command_append_duration_seconds',
      help: 'Read-decide-append latency of one aggregate step, by stream category',
      labelNames: ['category'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}
