import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/** A gRPC error with EventStoreDB's trailers (`exception`, …) that the client maps to its typed errors. */
export function grpcError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const invalidArgument = (details: string) => grpcError(status.INVALID_ARGUMENT, details);

export const streamDeleted = (stream: string) =>
  grpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });

export const maximumAppendSizeExceeded = (max: number) =>
  grpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(max),
  });

/** Turns anything thrown inside a handler into a gRPC status, so a bad request never takes the server down. */
export function asServiceError(e: unknown): ServiceError {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as ServiceError).code === 'number' && 'metadata' in e) {
    return e as ServiceError;
  }
  return grpcError(status.INTERNAL, e instanceof Error ? e.message : 'internal error');
}
