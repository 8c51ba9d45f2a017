import type { ErrorCode } from '../../shared/api/result';

/** An error the user caused or can fix; its message is shown as it is. */
export class CruxError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CruxError';
  }
}

export function isCruxError(e: unknown): e is CruxError {
  return e instanceof CruxError;
}
