import {
  WrongExpectedVersionError as ClientWrongExpectedVersion,
  StreamDeletedError as ClientStreamDeleted,
  UnavailableError,
  DeadlineExceededError,
  CancelledError,
} from '@eventstore/db-client';

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** The stream was not at the revision the writer expected (并发冲突). */
export class WrongExpectedVersionError extends Error {
  readonly code = 'SW_ERR_WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${stream} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The stream was deleted or tombstoned. */
export class StreamDeletedError extends Error {
  readonly code = 'SW_ERR_STREAM_DELETED';
  constructor(readonly stream: string) {
    super(`stream ${stream} is deleted`);
    this.name = 'StreamDeletedError';
  }
}

/** The store cannot be reached (network, deadline, server down). */
export class EventStoreUnavailableError extends Error {
  readonly code = 'SW_ERR_STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('event store unavailable', { cause });
    this.name = 'EventStoreUnavailableError';
  }
}

/** Turns the client's errors into ours; anything unknown passes through unchanged. */
export function mapClientError(err: unknown, stream?: string): unknown {
  if (err instanceof ClientWrongExpectedVersion) {
    return new WrongExpectedVersionError(err.streamName ?? stream ?? '?', String(err.expectedVersion), String(err.actualVersion));
  }
  if (err instanceof ClientStreamDeleted) return new StreamDeletedError(err.streamName ?? stream ?? '?');
  if (err instanceof UnavailableError || err instanceof DeadlineExceededError || err instanceof CancelledError) {
    return new EventStoreUnavailableError(err);
  }
  // Some paths (feature discovery before the first append) hand back raw gRPC errors.
  const code = (err as { code?: unknown } | null)?.code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return new EventStoreUnavailableError(err);
  return err;
}
