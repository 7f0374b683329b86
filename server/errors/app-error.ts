import type { ErrorCode } from '../../shared/contract';

/** An expected failure with a stable code; anything else thrown is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
