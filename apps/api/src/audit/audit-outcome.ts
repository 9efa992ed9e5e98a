import { ErrorCode, type DomainError } from '@keta/errors';
import type { AuditOutcome } from '@keta/domain';

export function auditOutcomeOf(error: DomainError): AuditOutcome {
  switch (error.code) {
    case ErrorCode.Unauthenticated:
    case ErrorCode.Forbidden:
    case ErrorCode.RateLimited:
      return 'denied';
    case ErrorCode.Internal:
    case ErrorCode.Unavailable:
      return 'error';
    default:
      return 'failed';
  }
}
