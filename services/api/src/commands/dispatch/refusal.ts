import { DomainError, domainErrorCodes, isDomainError, type DomainErrorCode } from '@shouwang/domain';
import { EventStoreUnavailableError, WrongExpectedVersionError, type StoredEvent } from '@shouwang/event-store';
import { HttpError, httpErrorCodes, type HttpErrorCode } from '../../http/httpErrors.js';

/** The stable code a failed step answers with. */
export function refusalCodeOf(err: unknown): string {
  if (isDomainError(err)) return err.code;
  if (err instanceof HttpError) return err.code;
  if (err instanceof WrongExpectedVersionError) return 'SW_ERR_CONCURRENCY';
  if (err instanceof EventStoreUnavailableError) return 'SW_ERR_STORE_UNAVAILABLE';
  return 'SW_ERR_INTERNAL';
}

/** The error a code stands for, with its standard message, so a first answer and its retries read the same. */
export function refusalFor(code: string): Error {
  if (code in domainErrorCodes) return new DomainError(code as DomainErrorCode);
  if (code in httpErrorCodes) return new HttpError(code as HttpErrorCode);
  return new HttpError('SW_ERR_INTERNAL');
}

/** The compensation this command already recorded for a dispatch, if any. */
export function recordedRefusal(history: StoredEvent[], dispatchId: string, compensationCommandId: string): string | undefined {
  const cancelled = history.find(
    (e) =>
      e.type === 'DispatchCancelled' &&
      e.metadata?.commandId === compensationCommandId &&
      (e.data as { dispatchId?: string }).dispatchId === dispatchId,
  );
  return cancelled ? ((cancelled.data as { refusalCode?: string }).refusalCode ?? 'SW_ERR_INTERNAL') : undefined;
}

/** The cancel reason recorded for a refusal code. */
export function cancelReasonFor(code: string): 'post_full' | 'post_closed' | 'request_unavailable' | 'target_refused' {
  if (code === 'SW_ERR_POST_FULL') return 'post_full';
  if (code === 'SW_ERR_POST_CLOSED') return 'post_closed';
  if (code === 'SW_ERR_REQUEST_ALREADY_DISPATCHED' || code === 'SW_ERR_REQUEST_CLOSED') return 'request_unavailable';
  return 'target_refused';
}
