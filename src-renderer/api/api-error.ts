// A refusal from the host, with the code the UI can branch on and the message a person can act on.
import type { ErrorBody, ErrorCode } from '../../src-shared/errors';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiErrorOf(body: unknown): ApiError {
  const b = body as Partial<ErrorBody> | null;
  if (b && typeof b.code === 'string' && typeof b.message === 'string') return new ApiError(b.code, b.message);
  return new ApiError('internal', 'The Boardroom host sent an unreadable error.');
}

/** The text to show for anything a call rejected with. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
