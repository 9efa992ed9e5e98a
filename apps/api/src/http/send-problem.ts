import { ErrorCode, type DomainError } from '@keta/errors';
import { toOperationOutcome } from '@keta/fhir-mapping';
import type { Request, Response } from 'express';
import { FHIR_JSON } from '../fhir/fhir-json';
import { isTokenPath } from '../smart/token-endpoint';
import { statusOf, toProblem } from './problem';
import { sendOAuthError } from './send-oauth-error';

/**
 * Writes a domain error with the headers its status calls for: as an OperationOutcome on the FHIR
 * endpoint (FHIR clients read nothing else), as an OAuth error at the token endpoint, as
 * application/problem+json everywhere else. The one place errors are rendered, for the exception filter
 * and the body parsers alike.
 */
export function sendProblem(res: Response, error: DomainError, requestId?: string): void {
  if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (isTokenPath((res.req?.originalUrl ?? '').split('?')[0]!)) {
    sendOAuthError(res, error);
    return;
  }
  if (error.code === ErrorCode.Unauthenticated) res.setHeader('WWW-Authenticate', 'Bearer');
  if (isFhirRequest(res.req)) {
    res.status(statusOf(error.code)).type(FHIR_JSON).send(JSON.stringify(toOperationOutcome(error)));
    return;
  }
  const problem = toProblem(error, requestId);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * The path, not the query: every route under /fhir/ speaks FHIR, unknown ones included. Case-blind, as
 * Express routing is: `/FHIR/R4/...` reaches the FHIR routes too.
 */
function isFhirRequest(req: Request | undefined): boolean {
  return /^\/fhir\//i.test(req?.originalUrl ?? '');
}
