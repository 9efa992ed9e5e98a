import type { Request } from 'express';

/**
 * The API's origin as the client reached it (the protocol honours TRUST_PROXY), for the absolute URLs FHIR
 * and OAuth want. There is no configured public URL yet to prefer over the Host header.
 */
export function publicOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
