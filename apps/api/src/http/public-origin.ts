import type { Request } from 'express';

/** Where createApp keeps the configured PUBLIC_URL on the Express app. */
export const PUBLIC_URL_SETTING = 'keta public url';

/**
 * The API's origin for the absolute URLs FHIR and OAuth want (links, token audience): the configured
 * PUBLIC_URL, else as the client reached it (the protocol honours TRUST_PROXY). Behind a proxy that
 * rewrites Host, only PUBLIC_URL is right.
 */
export function publicOrigin(req: Request): string {
  const configured = req.app.get(PUBLIC_URL_SETTING) as string | undefined;
  return configured ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
