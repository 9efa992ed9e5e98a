import { DomainError, ErrorCode, type FieldIssue } from '@keta/errors';

/**
 * A resource Keta cannot read into a clinic record: valid FHIR, but not what Keta's intake takes (FHIR's
 * "business rule", 422); its fields are FHIRPath-like paths.
 */
export function unreadable(issues: FieldIssue[]): DomainError {
  return new DomainError(ErrorCode.BusinessRule, 'The resource cannot be read into a clinic record', issues);
}
