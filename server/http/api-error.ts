// Refusals over HTTP: a status and a JSON `{error, message}` body whose message says what was wrong
// and what to do. Authority errors (AppError from src-shared) map onto the same shape.
import type { ZodError } from 'zod';
import { AppError } from '../../src-shared/errors.js';
import { describeIssues } from '../../src-shared/schemas.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Keyed by string, not ErrorCode: a code added to src-shared maps to 500 until it is listed here.
const STATUS: Record<string, number> = {
  invalid_input: 400,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

/** 429 with the seconds to wait, sent as `Retry-After`. */
export class RateLimitedError extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'rate_limited', message);
  }
}

export const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);
export const badInput = (error: ZodError) => new ApiError(400, 'invalid_input', describeIssues(error));

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof AppError) return new ApiError(STATUS[error.code] ?? 500, error.code, error.message);
  return null;
}
