import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BatchCommitted } from '../store/viewStore.js';
import type { Claims } from './auth.js';

/** Something that announces committed batches: the running projector. */
export interface CommitSource {
  on(event: 'committed', listener: (batch: BatchCommitted) => void): unknown;
  off(event: 'committed', listener: (batch: BatchCommitted) => void): unknown;
}

/** The part of a committed batch a token may see: views and districts within its scope. */
export function visibleChanges(batch: BatchCommitted, claims: Claims): Record<string, string[]> | undefined {
  const views: Record<string, string[]> = {};
  let any = false;
  for (const [view, districts] of batch.changed) {
    const seen = [...districts].filter((d) => claims.districtId === 'city' || d === claims.districtId || d === 'city');
    if (seen.length === 0) continue;
    views[view] = seen.sort();
    any = true;
  }
  return any ? views : undefined;
}

/**
 * Server-sent events (`text/event-stream`): one `views` message per committed batch that touched
 * the subscriber's scope, sent as soon as the batch is committed; a comment every 15 s keeps proxies open.
 */
export function streamChanges(
  request: FastifyRequest,
  reply: FastifyReply,
  source: CommitSource,
  claims: Claims,
  position: bigint | undefined,
): { end(): void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`event: ready\ndata: ${JSON.stringify({ position: position?.toString() ?? null })}\n\n`);
  const onCommitted = (batch: BatchCommitted) => {
    const views = visibleChanges(batch, claims);
    if (!views) return;
    const id = batch.position.toString();
    res.write(`id: ${id}\nevent: views\ndata: ${JSON.stringify({ position: id, views })}\n\n`);
  };
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  source.on('committed', onCommitted);
  const close = () => {
    clearInterval(heartbeat);
    source.off('committed', onCommitted);
  };
  request.raw.on('close', close);
  res.on('close', close);
  return {
    end() {
      close();
      res.end();
    },
  };
}
