/**
 * Every failure the HTTP layer itself reports, with its status. Domain refusals keep the code and
 * status of their DomainError. docs/errors.md lists these between the http-errors markers; a test
 * keeps the two in step.
 */
export const httpErrorCodes = {
  SW_ERR_VALIDATION: { status: 400, title: 'Invalid request', description: 'A path parameter, header or body field is missing, malformed or unknown; `errors` names each field.' },
  SW_ERR_MALFORMED_BODY: { status: 400, title: 'Malformed body', description: 'The body is not valid JSON (or is empty where a JSON object is needed).' },
  SW_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', description: 'Commands take `application/json` bodies only.' },
  SW_ERR_BODY_TOO_LARGE: { status: 413, title: 'Body too large', description: 'The body exceeds the configured limit (BODY_LIMIT_BYTES).' },
  SW_ERR_UNAUTHENTICATED: { status: 401, title: 'Unauthenticated', description: 'No bearer token, or the token is not valid (signature, algorithm, issuer, audience, expiry or claims).' },
  SW_ERR_FORBIDDEN: { status: 403, title: 'Forbidden', description: 'The token\'s role or district scope does not allow this route on this aggregate, or the route has no policy (default deny).' },
  SW_ERR_NOT_FOUND: { status: 404, title: 'Not found', description: 'No such route, or no aggregate with this id on a read. (A command on a missing aggregate is the domain\'s `SW_ERR_NOT_FOUND`, 409.)' },
  SW_ERR_CONCURRENCY: { status: 409, title: 'Concurrent change', description: 'The stream kept changing under the command; the bounded retries ran out. Retrying later is safe.' },
  SW_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests', description: 'The token (by subject) or client sent more requests than allowed in the window.' },
  SW_ERR_TIMEOUT: { status: 503, title: 'Timed out', description: 'The request took longer than REQUEST_TIMEOUT_MS; the command may or may not have been applied, retry with the same Idempotency-Key.' },
  SW_ERR_STORE_UNAVAILABLE: { status: 503, title: 'Event store unavailable', description: 'The event store cannot be reached; nothing was decided. Retry with the same Idempotency-Key.' },
  SW_ERR_INTERNAL: { status: 500, title: 'Internal error', description: 'An unexpected failure; the body never carries its details. Every such case is a bug.' },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type HttpErrorCode = keyof typeof httpErrorCodes;

/** A failure raised by the HTTP layer; the error handler turns it into problem+json. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: HttpErrorCode,
    message?: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(message ?? httpErrorCodes[code].description);
    this.name = 'HttpError';
    this.status = httpErrorCodes[code].status;
  }
}
