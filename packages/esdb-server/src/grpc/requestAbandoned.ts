import type { Http2Stream } from 'node:http2';

interface CallChain {
  stream?: Http2Stream;
  nextCall?: CallChain;
}

/**
 * Whether a client-streaming call's request "ended" only because the client went away. When
 * the connection drops, node ends the request stream too, before grpc-js marks the call
 * cancelled, so `call.cancelled` alone would append the events of a half-sent request. The
 * HTTP/2 stream is already aborted and destroyed by then. grpc-js keeps that stream on an
 * internal call chain; if its shape ever changes, this falls back to `call.cancelled`.
 */
export function requestAbandoned(call: { cancelled: boolean }): boolean {
  if (call.cancelled) return true;
  let link = (call as unknown as { call?: CallChain }).call;
  for (let depth = 0; link && depth < 8; depth++, link = link.nextCall) {
    if (link.stream) return link.stream.aborted || link.stream.destroyed;
  }
  return false;
}
