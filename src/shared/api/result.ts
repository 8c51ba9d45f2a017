export type ErrorCode = 'unknown-method' | 'bad-args' | 'not-found' | 'bad-input' | 'cancelled' | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: string[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
