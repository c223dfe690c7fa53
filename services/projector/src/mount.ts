import type { FastifyInstance } from 'fastify';
import type { EventStore } from '@shouwang/event-store';
import type { TokenSettings } from './http/auth.js';
import { viewsPlugin } from './http/viewsPlugin.js';
import { startProjector, type ProjectorService } from './service.js';

export interface MountViewsOptions {
  /** The store the host app already has open (the projector follows it; no second server). */
  store: EventStore;
  /** Where views.sqlite lives. */
  dataDir: string;
  tokens: TokenSettings;
  batchSize?: number;
}

/**
 * Runs the projector inside another fastify app (the API) and serves `/v1/views/*` there: one
 * process, one store connection. Stops the projector when the app closes.
 */
export async function mountViews(app: FastifyInstance, opts: MountViewsOptions): Promise<ProjectorService> {
  const service = startProjector({ store: opts.store, dataDir: opts.dataDir, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) });
  await app.register(viewsPlugin, {
    db: service.db,
    checkpoint: () => service.views.checkpoint(),
    events: service.events,
    tokens: opts.tokens,
    changes: service.projector,
    store: opts.store,
  });
  app.addHook('onClose', async () => service.stop());
  return service;
}
