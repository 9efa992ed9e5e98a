import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/request-body';
import { requestOrigin } from '../http/request-origin';
import type { SmartAuth } from './smart-auth';
import { requestToken, type TokenAnswer } from './token-request';

export const TOKEN_PATH = '/auth/token';
const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * `POST /auth/token`, application/x-www-form-urlencoded: grant_type=client_credentials,
 * client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer, client_assertion=<JWT>,
 * scope=<system scopes>, client_id optional. Granted: 200 {access_token, token_type: "bearer", expires_in, scope},
 * scope being the requested scopes the client's registration allows. Every refusal answers 400 with an RFC 6749
 * {error, error_description}: invalid_request (malformed form), unsupported_grant_type, invalid_client (a bad,
 * unknown-kid, expired or replayed assertion, or an unknown client; 400 since the client did not use an
 * Authorization header, as RFC 6749 §5.2 allows), invalid_scope (nothing requested is allowed).
 */
export class TokenEndpoint {
  constructor(
    private readonly auth: SmartAuth,
    private readonly origin: string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, FORM_LIMIT_BYTES);
    if (req.method !== 'POST') return send(res, 405, refusal(`${req.method} is not allowed: POST the token request`), { allow: 'POST' });
    if (raw === 'too-large') return send(res, 400, refusal(`the form is larger than ${FORM_LIMIT_BYTES} bytes`));
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return send(res, 400, refusal('send the token request as application/x-www-form-urlencoded'));
    const answer = await requestToken(new URLSearchParams(raw.toString('utf8')), `${requestOrigin(req, this.origin)}${TOKEN_PATH}`, this.auth);
    this.count(answer);
    send(res, answer.granted ? 200 : 400, answer.body);
  }

  /** Refusals count under the client the request claimed to be; one that named none is not counted. */
  private count(answer: TokenAnswer): void {
    if (answer.granted) this.auth.countIssued(answer.clientId);
    else if (answer.claimed !== undefined) this.auth.countRefused(answer.claimed);
  }
}

function refusal(description: string): object {
  return { error: 'invalid_request', error_description: description };
}

/** Token answers are never cached (RFC 6749 §5.1). */
function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' })
    .end(JSON.stringify(body));
}
