import { DomainError, ErrorCode } from '@keta/errors';

/** The validation error parseInput raises, for what only the policy or the calendar can reject. */
export function invalidField(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, 'The rule input is invalid', [{ field, message }]);
}
