import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError } from '@shouwang/domain';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '@shouwang/event-store';
import { HttpError, httpErrorCodes, type HttpErrorCode } from './httpErrors.js';
import { problem, type Problem } from './problem.js';
import { fieldErrors } from './fieldErrors.js';

const fastifyCodes: Record<string, HttpErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'SW_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SW_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SW_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'SW_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SW_ERR_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_TYPE: 'SW_ERR_UNSUPPORTED_MEDIA_TYPE',
};

const byStatus = (status: number): HttpErrorCode =>
  status === 413 ? 'SW_ERR_BODY_TOO_LARGE' : status === 415 ? 'SW_ERR_UNSUPPORTED_MEDIA_TYPE' : status === 404 ? 'SW_ERR_NOT_FOUND' : status === 429 ? 'SW_ERR_RATE_LIMITED' : 'SW_ERR_MALFORMED_BODY';

/** Turns any failure into problem+json; detail texts are ours, never the input echoed back. */
export function toProblem(err: unknown, request: FastifyRequest): Problem {
  const instance = request.url.split('?')[0] ?? request.url;
  // No correlation id in the body: a retried request answers byte for byte as the first (the header carries it).
  const extra = {};
  const fixed = (code: HttpErrorCode) => problem(code, httpErrorCodes[code].status, httpErrorCodes[code].description, instance, extra);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = fieldErrors(err.validation, (err as { validationContext?: string }).validationContext ?? 'body');
    return problem('SW_ERR_VALIDATION', 400, `invalid ${errors.map((e) => e.field).join(', ')}`, instance, { ...extra, errors });
  }
  if (err instanceof HttpError) {
    return problem(err.code, err.status, err.message, instance, { ...extra, ...(err.errors ? { errors: err.errors } : {}) });
  }
  if (isDomainError(err)) return problem(err.code, err.status, err.message, instance, extra);
  if (err instanceof WrongExpectedVersionError) return fixed('SW_ERR_CONCURRENCY');
  if (err instanceof EventStoreUnavailableError) return fixed('SW_ERR_STORE_UNAVAILABLE');
  const fe = err as Partial<FastifyError>;
  if (fe.code && fastifyCodes[fe.code]) return fixed(fastifyCodes[fe.code]!);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return fixed(byStatus(fe.statusCode));
  return fixed('SW_ERR_INTERNAL');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const body = toProblem(err, request);
    if (body.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.code, status: body.status }, 'request refused');
    return reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = toProblem(new HttpError('SW_ERR_NOT_FOUND', 'no such route'), request);
    return reply.status(404).type('application/problem+json').send(body);
  });
}
