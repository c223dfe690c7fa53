import { DomainError, domainErrorCodes, type DomainErrorCode } from '@shouwang/domain';
import type { StoredEvent } from '@shouwang/event-store';
import { HttpError, httpErrorCodes, type HttpErrorCode } from '../../http/httpErrors.js';

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
