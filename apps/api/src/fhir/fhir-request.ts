import { DomainError, ErrorCode } from '@keta/errors';
import type { Request } from 'express';
import { publicOrigin } from '../http/public-origin';

/** The endpoint's base URL as the client reached it, for fullUrls and links, which FHIR wants absolute. */
export function fhirBaseUrl(req: Request): string {
  return `${publicOrigin(req)}/fhir/R4`;
}

/**
 * The query string as ordered name/value pairs, repeats kept: FHIR ANDs a repeated parameter, and Express's
 * parsed `req.query` would fold repeats and bracketed names into objects.
 */
export function searchParams(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

/**
 * FHIR names are case-sensitive but Express routes are not, so `/fhir/r4/patient` reaches the Patient
 * routes: such a path is answered as what it is in FHIR, a type this server does not serve.
 */
export function requireExactTypePath(req: Request, type: string): void {
  const [, fhir, version, segment] = req.path.split('/');
  if (fhir !== 'fhir' || version !== 'R4' || segment !== type) {
    throw new DomainError(ErrorCode.NotFound, 'This server serves no such resource type (FHIR paths are case-sensitive)');
  }
}
