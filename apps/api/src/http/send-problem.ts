import { ErrorCode, type DomainError } from '@keta/errors';
import type { Response } from 'express';
import { toProblem } from './problem';

/** Writes a domain error as application/problem+json, with the headers its status calls for. */
export function sendProblem(res: Response, error: DomainError, requestId?: string): void {
  const problem = toProblem(error, requestId);
  if (error.code === ErrorCode.Unauthenticated) res.setHeader('WWW-Authenticate', 'Bearer');
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
