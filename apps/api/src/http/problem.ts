import { DomainError, ErrorCode, assertUnreachable, describeIssues, type FieldIssue } from '@keta/errors';
import { HttpException } from '@nestjs/common';

/** RFC 9457 problem details, the body of every REST error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldIssue[];
  requestId?: string;
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedRequest:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.PreconditionFailed:
      return 412;
    case ErrorCode.PreconditionRequired:
      return 428;
    case ErrorCode.BusinessRule:
      return 422;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.Unavailable:
      return 503;
    case ErrorCode.Internal:
      return 500;
    default:
      return assertUnreachable(code);
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  412: ErrorCode.PreconditionFailed,
  428: ErrorCode.PreconditionRequired,
  422: ErrorCode.BusinessRule,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

/**
 * Any thrown value as a domain error. Framework HTTP errors keep their status; anything else is ours,
 * an internal error whose message is not shown (it may carry data).
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    const code = CODE_BY_STATUS[error.getStatus()] ?? ErrorCode.Internal;
    // Nest's "Cannot GET /path?query" would echo a query string, where identifiers travel: drop it.
    return new DomainError(code, code === ErrorCode.Internal ? 'Internal error' : error.message.split('?')[0]!);
  }
  return new DomainError(ErrorCode.Internal, 'Internal error');
}

export function toProblem(error: DomainError, requestId?: string): Problem {
  const detail = error.issues.length ? `${error.message}: ${describeIssues(error.issues)}` : error.message;
  return {
    type: `urn:keta:problem:${error.code}`,
    title: error.message,
    status: statusOf(error.code),
    detail,
    code: error.code,
    ...(error.issues.length ? { errors: [...error.issues] } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
