import { DomainError, ErrorCode } from '@keta/errors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { sendProblem } from './send-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON bodies up to a limit, and the errors a body can cause, answered before any route runs.
 * Parser messages are replaced: V8's quote the body, which may hold PHI.
 */
export function bodyParsers(limitBytes: number) {
  return [requireJson, express.json({ limit: limitBytes, type: JSON_TYPES }), bodyErrors(limitBytes)];
}

function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!METHODS_WITH_BODY.has(req.method) || !hasBody || req.is(JSON_TYPES)) return next();
  sendProblem(res, new DomainError(ErrorCode.UnsupportedMediaType, 'Send the body as application/json'), req.id as string);
}

function bodyErrors(limitBytes: number) {
  return (err: { type?: string }, req: Request, res: Response, next: NextFunction): void => {
    const error = describeBodyError(err.type, limitBytes);
    if (!error) return next(err);
    sendProblem(res, error, req.id as string);
  };
}

function describeBodyError(type: string | undefined, limitBytes: number): DomainError | undefined {
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
