import type { Request } from 'express';
import { publicOrigin } from '../http/public-origin';

/** Where EHR clients trade a signed assertion for an access token (SMART Backend Services). */
export const TOKEN_PATH = '/oauth2/token';

/** Case-blind and with an optional trailing slash, as Express routing matches it. */
export function isTokenPath(path: string): boolean {
  return /^\/oauth2\/token\/?$/i.test(path);
}

/** The token endpoint's URL as this request reached it: the one `aud` a client assertion may name. */
export function tokenEndpointUrl(req: Request): string {
  return `${publicOrigin(req)}${TOKEN_PATH}`;
}
