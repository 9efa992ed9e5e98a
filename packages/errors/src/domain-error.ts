import type { ErrorCode } from './error-code';

/** One problem with one input field, named by its path (e.g. `openingDays.2`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * A failure with a stable code. Messages name fields and rules, never values, so an error can be
 * logged or returned without carrying PHI.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
