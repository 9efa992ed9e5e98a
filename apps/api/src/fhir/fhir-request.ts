import { DomainError, ErrorCode } from '@keta/errors';
import type { Request } from 'express';

/**
 * The endpoint's base URL as the client reached it (the protocol honours TRUST_PROXY), for fullUrls and
 * links, which FHIR wants absolute. There is no configured public URL yet to prefer over the Host header.
 */
export function fhirBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/fhir/R4`;
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
