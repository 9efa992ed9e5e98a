import type { IncomingMessage } from 'node:http';

/**
 * `http://` + the Host the client used, else `fallback` (the bound address): behind a container's 0.0.0.0 the
 * bound address would not reach us.
 */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  return req.headers.host ? `http://${req.headers.host}` : fallback;
}
