/**
 * Every refusal of a decider. 409: the aggregate's current state (or the state of the one it
 * depends on) does not allow it now — lifecycle order, capacity, stock, duplicates.
 * 422: the command breaks a rule about who/what may be dispatched or how figures relate,
 * given the facts it refers to (training, reach, mode plan, hierarchy, hours).
 */
export const domainErrorCodes = {
  SW_ERR_ALREADY_EXISTS: { status: 409, description: 'The aggregate already exists (signed up, opened, formed, registered or placed before).' },
  SW_ERR_NOT_FOUND: { status: 409, description: 'The aggregate the command addresses does not exist yet.' },
  SW_ERR_SCOPE_MISMATCH: { status: 422, description: 'The command names a different id, district or scope than the stream it addresses.' },
  SW_ERR_UNKNOWN_PARENT: { status: 422, description: 'The parent unit (center, institute or team) is not registered.' },
  SW_ERR_TEAM_HIERARCHY: { status: 422, description: 'A team can only sit under a team of a higher level (总队 > 分队 > 小队).' },
  SW_ERR_VOLUNTEER_WITHDRAWN: { status: 409, description: 'The volunteer has withdrawn.' },
  SW_ERR_VOLUNTEER_UNAVAILABLE: { status: 409, description: 'The volunteer marked themself unavailable.' },
  SW_ERR_NOT_TRAINED: { status: 422, description: 'The volunteer is not trained in every skill the post or request requires.' },
  SW_ERR_OUT_OF_REACH: { status: 422, description: 'The target lies outside the dispatch reach of the effective mode (平 own station, 战 own district, 急/极 city).' },
  SW_ERR_RESERVE_DORMANT: { status: 422, description: 'Emergency reserves (储备应急) are not active under the effective mode.' },
  SW_ERR_AGENCY_STAFF_INACTIVE: { status: 422, description: 'Agency staff may not be dispatched under the effective mode.' },
  SW_ERR_POST_KIND_INACTIVE: { status: 422, description: 'The post kind is not active under the effective mode.' },
  SW_ERR_DOUBLE_BOOKED: { status: 409, description: 'The volunteer already holds a dispatch overlapping this time.' },
  SW_ERR_POST_FULL: { status: 409, description: 'The shift already has as many volunteers as the post needs under the effective mode.' },
  SW_ERR_POST_CLOSED: { status: 409, description: 'The post is closed.' },
  SW_ERR_UNKNOWN_SHIFT: { status: 422, description: 'The post has no such shift.' },
  SW_ERR_INVALID_SHIFT: { status: 422, description: 'A shift must end after it starts and have an id unique within its post.' },
  SW_ERR_SHIFT_OVER: { status: 409, description: 'The shift or service window has already ended.' },
  SW_ERR_DISPATCH_NOT_FOUND: { status: 409, description: 'The volunteer has no dispatch with this id.' },
  SW_ERR_DISPATCH_NOT_OPEN: { status: 409, description: 'The dispatch is no longer waiting for an answer or is already under way or finished.' },
  SW_ERR_DISPATCH_EXPIRED: { status: 409, description: 'The time to answer the dispatch has passed.' },
  SW_ERR_NOT_YET_DUE: { status: 409, description: 'Too early: the answer time or the shift start has not passed yet.' },
  SW_ERR_NOT_ACCEPTED: { status: 409, description: 'Check-in needs an accepted dispatch.' },
  SW_ERR_NOT_CHECKED_IN: { status: 409, description: 'Service can only be completed after check-in.' },
  SW_ERR_ALREADY_CHECKED_IN: { status: 409, description: 'The volunteer has checked in; it is no longer a no-show or cancellable.' },
  SW_ERR_HOURS_INCONSISTENT: { status: 422, description: 'Service hours exceed the time between check-in and completion.' },
  SW_ERR_REQUEST_ALREADY_DISPATCHED: { status: 409, description: 'The request already has a volunteer dispatched to it.' },
  SW_ERR_REQUEST_CLOSED: { status: 409, description: 'The request is already fulfilled.' },
  SW_ERR_NOT_DISPATCHED: { status: 409, description: 'The request has no dispatch with this id.' },
  SW_ERR_NOT_FULFILLED: { status: 409, description: 'A request can only be rated after it is fulfilled.' },
  SW_ERR_ALREADY_RATED: { status: 409, description: 'The request is already rated.' },
  SW_ERR_INSUFFICIENT_STOCK: { status: 409, description: 'Distribution exceeds the stock received, for this item and unit.' },
  SW_ERR_MODE_UNCHANGED: { status: 409, description: 'The scope is already in this mode.' },
  SW_ERR_UNSUPPORTED_SCHEMA_VERSION: { status: 422, description: 'The event has a schema version this code cannot read.' },
} as const satisfies Record<string, { status: 409 | 422; description: string }>;

export type DomainErrorCode = keyof typeof domainErrorCodes;

/** A refusal by a decider. The message never carries personal data (names, phones, id numbers). */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: 409 | 422;

  constructor(code: DomainErrorCode, message?: string) {
    super(message ?? domainErrorCodes[code].description);
    this.name = 'DomainError';
    this.code = code;
    this.status = domainErrorCodes[code].status;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Throw-expression helper so deciders read as a list of rules. */
export const refuse = (code: DomainErrorCode, message?: string): never => {
  throw new DomainError(code, message);
};
