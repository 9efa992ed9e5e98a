import type { DomainError, ErrorCode } from '@keta/errors';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

type IssueType = OperationOutcomeIssue['code'];

/** FHIR issue-type codes (http://hl7.org/fhir/issue-type) for each domain error code. */
const ISSUE_TYPE: Record<ErrorCode, IssueType> = {
  validation_failed: 'invalid',
  malformed_request: 'structure',
  payload_too_large: 'too-costly',
  unsupported_media_type: 'not-supported',
  unauthenticated: 'login',
  forbidden: 'forbidden',
  not_found: 'not-found',
  conflict: 'conflict',
  precondition_failed: 'multiple-matches',
  precondition_required: 'required',
  business_rule: 'business-rule',
  rate_limited: 'throttled',
  unavailable: 'transient',
  internal: 'exception',
};

/** The OperationOutcome a FHIR endpoint answers for a domain error: one issue per field at fault. */
export function toOperationOutcome(error: Pick<DomainError, 'code' | 'message' | 'issues'>): OperationOutcome {
  const code = ISSUE_TYPE[error.code];
  const issue: OperationOutcomeIssue[] = error.issues.length
    ? error.issues.map((i) => ({ severity: 'error', code, diagnostics: i.message, expression: [i.field] }))
    : [{ severity: 'error', code, diagnostics: error.message }];
  return { resourceType: 'OperationOutcome', issue };
}
