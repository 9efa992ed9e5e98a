import { DomainError, ErrorCode, type FieldIssue } from '@keta/errors';

/** A resource Keta cannot read into a clinic record: a validation error whose fields are FHIRPath-like paths. */
export function unreadable(issues: FieldIssue[]): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, 'The resource cannot be read into a clinic record', issues);
}
