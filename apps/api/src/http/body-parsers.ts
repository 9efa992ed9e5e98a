import { DomainError, ErrorCode } from '@keta/errors';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { isTokenPath } from '../smart/token-endpoint';
import { sendProblem } from './send-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
/** Documents (referral letters) arrive as raw PDF bodies, up to their own limit. */
const DOCUMENT_TYPES = ['application/pdf'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** OAuth's token endpoint takes forms (RFC 6749 §4.4.2); no other route does. */
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** A token request has five parameters; anything far past that is not one. */
const FORM_PARAMETER_LIMIT = 20;

/**
 * JSON bodies up to a limit, and the errors a body can cause, answered before any route runs; at the token
 * endpoint only, a form instead (the use case refuses any other body, so that refusal is audited too).
 * Parser messages are replaced: V8's quote the body, which may hold PHI.
 */
export function bodyParsers(jsonLimitBytes: number, documentLimitBytes: number): Array<RequestHandler | typeof bodyErrors> {
  const form = express.urlencoded({ extended: false, limit: jsonLimitBytes, type: FORM_TYPE, parameterLimit: FORM_PARAMETER_LIMIT });
  return [
    onTokenPath(form),
    exceptOnTokenPath(requireJsonOrDocument),
    exceptOnTokenPath(express.json({ limit: jsonLimitBytes, type: JSON_TYPES })),
    exceptOnTokenPath(express.raw({ limit: documentLimitBytes, type: DOCUMENT_TYPES })),
    bodyErrors,
  ];
}

function onTokenPath(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isTokenPath(req.path) ? handler(req, res, next) : next());
}

function exceptOnTokenPath(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isTokenPath(req.path) ? next() : handler(req, res, next));
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
    case 'parameters.too.many':
      return new DomainError(ErrorCode.MalformedRequest, 'The body has too many parameters');
    case 'request.aborted':
    case 'request.size.invalid':
      return new DomainError(ErrorCode.MalformedRequest, 'The body was incomplete');
    default:
      return undefined;
  }
}
