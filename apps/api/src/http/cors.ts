import { DomainError, ErrorCode } from '@keta/errors';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './send-problem';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'authorization, content-type, if-match, accept, prefer, x-request-id';
const EXPOSED_HEADERS = 'ETag, Location, Retry-After, Content-Disposition, x-request-id';

/**
 * Cross-origin calls from the listed web origins only (CORS_ORIGINS; none by default: the portal is served
 * from the API's own origin). Tokens travel in the Authorization header, never in cookies, so credentials
 * are never allowed. A preflight from any other origin is refused, saying so.
 */
export function cors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!origin) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) {
      if (preflight) return sendProblem(res, new DomainError(ErrorCode.Forbidden, `The origin ${JSON.stringify(origin).slice(0, 200)} may not call this API from a browser`), String(req.id));
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (!preflight) return next();
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
