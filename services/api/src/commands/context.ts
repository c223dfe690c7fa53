import type { EventStore } from '@shouwang/event-store';
import type { ApiMetrics } from '../ops/metrics.js';

/** What command and read routes need from the app. */
export interface RouteContext {
  store: EventStore;
  metrics: ApiMetrics;
  clock: () => Date;
  maxRetries: number;
}
