import { DomainError, ErrorCode } from '@keta/errors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { sendProblem } from './send-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
/** Documents (referral letters) arrive as raw PDF bodies, up to their own limit. */
const DOCUMENT_TYPES = ['application/pdf'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON bodies up to a limit, and the errors a body can cause, answered before any route runs.
 * Parser messages are replaced: V8's quote the body, which may hold PHI.
 */
export function bodyParsers(jsonLimitBytes: number, documentLimitBytes: number) {
  return [
    requireJsonOrDocument,
    express.json({ limit: jsonLimitBytes, type: JSON_TYPES }),
    express.raw({ limit: documentLimitBytes, type: DOCUMENT_TYPES }),
    bodyErrors,
  ];
}

function requireJsonOrDocument(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!METHODS_WITH_BODY.has(req.method) || !hasBody || req.is([...JSON_TYPES, ...DOCUMENT_TYPES])) return next();
  sendProblem(res, new DomainError(ErrorCode.UnsupportedMediaType, 'Send the body as application/json'), req.id as string);
}

function bodyErrors(err: { type?: string; limit?: number }, req: Request, res: Response, next: NextFunction): void {
  const error = describeBodyError(err.type, err.limit);
  if (!error) return next(err);
  sendProblem(res, error, req.id as string);
}

function describeBodyError(type: string | undefined, limitBytes: number | undefined): DomainError | undefined {
  switch (type) {
    case 'entity.too.large':
      return new DomainError(ErrorCode.PayloadTooLarge, `The body is larger than the limit of ${limitBytes} bytes`);
    case 'entity.parse.failed':
      return new DomainError(ErrorCode.MalformedRequest, 'The body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError(ErrorCode.UnsupportedMediaType, 'The body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return new DomainError(ErrorCode.MalformedRequest, 'The body was incomplete');
    default:
      return undefined;
  }
}
