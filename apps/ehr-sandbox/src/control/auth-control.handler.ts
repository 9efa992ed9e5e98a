/*
 * The control API of the sandbox's SMART Backend Services authorization server: off by default, on from the
 * start with startSandbox's option `auth: 'smart'`, or at run time with PUT /$sandbox/auth {"enabled": true}.
 * Plain JSON, never faulted, never authenticated (it is the tests' harness).
 * A bad body answers 400 {"error": "..."} and changes nothing.
 *
 * GET /$sandbox/auth   {enabled, tokenLifetimeSeconds, clients: [ids], issued: {clientId: n}, refused: {clientId: n}}:
 * PUT /$sandbox/auth   the counters count token requests granted and refused per client (the one the request
 *                      claimed to be; a request naming none is not counted) since start or the last reset.
 *   enabled               boolean: whether every FHIR request (but /metadata and the SMART configuration) needs
 *                         `Authorization: Bearer <token>` from POST /auth/token whose scopes allow it; else 401
 *                         (no, unknown, revoked or expired token) or 403 (scopes). Off: the FHIR base is open
 *                         (only the rules' bearerToken, if set, is demanded).
 *   tokenLifetimeSeconds  integer 1..86400, default 300: the expires_in of tokens issued from now on.
 *   A field left out keeps its current value. Answers 200 with the state above.
 *
 * PUT    /$sandbox/auth/clients/{clientId}  Registers (or replaces) a backend client; answers 200 {clientId, ...body}.
 * GET    /$sandbox/auth/clients/{clientId}  clientId: 1..128 of A-Z a-z 0-9 . _ ~ -. Body:
 * DELETE /$sandbox/auth/clients/{clientId}    jwks     {"keys": [...]}: public RSA or EC JWKs, each with a kid, or
 *                                             jwksUrl  "http(s)://...": where the JWKS is fetched (and cached);
 *                                                      exactly one of the two.
 *                                             scopes   "system/Patient.cruds system/*.rs": the system scopes (SMART
 *                                                      v2 letters or v1 read|write|*) this client may be granted.
 *                                           DELETE answers 204 and revokes the client's tokens; 404 if unknown.
 *
 * POST   /$sandbox/auth/revoke    Revokes every token issued so far: the next FHIR request with one gets 401
 *                                 (invalid_token). Answers 200 {"revoked": n}, n the tokens that were still valid.
 * DELETE /$sandbox/auth/counters  Empties issued and refused (204).
 *
 * The token endpoint itself (POST /auth/token) and discovery (GET [/fhir/R4]/.well-known/smart-configuration)
 * are described in src/auth/token-endpoint.ts and src/auth/smart-configuration.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAuthSettings } from '../auth/auth-settings';
import { clientIdProblem, parseClientRegistration } from '../auth/client-registration';
import type { SmartAuth } from '../auth/smart-auth';
import { sendJson } from '../http/send';
import { readJsonBody } from './control-body';

export const AUTH_CONTROL = '/$sandbox/auth';
const CLIENTS = `${AUTH_CONTROL}/clients/`;
const REVOKE = `${AUTH_CONTROL}/revoke`;
const COUNTERS = `${AUTH_CONTROL}/counters`;

export class AuthControlHandler {
  constructor(private readonly auth: SmartAuth) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path.startsWith(CLIENTS)) return this.client(req, res, path.slice(CLIENTS.length));
    switch (`${req.method} ${path}`) {
      case `GET ${AUTH_CONTROL}`:
        return sendJson(res, 200, this.auth.state());
      case `PUT ${AUTH_CONTROL}`:
        return this.replaceSettings(req, res);
      case `POST ${REVOKE}`:
        return sendJson(res, 200, { revoked: this.auth.tokens.revoke() });
      case `DELETE ${COUNTERS}`:
        this.auth.resetCounters();
        res.writeHead(204).end();
        return;
      default:
        return sendJson(res, [AUTH_CONTROL, REVOKE, COUNTERS].includes(path) ? 405 : 404, { error: `no ${req.method} ${path}` });
    }
  }

  private async replaceSettings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req);
    const settings = body.ok ? parseAuthSettings(body.value, this.auth.current()) : body.error;
    if (typeof settings === 'string') return sendJson(res, 400, { error: settings });
    this.auth.replace(settings);
    sendJson(res, 200, this.auth.state());
  }

  private async client(req: IncomingMessage, res: ServerResponse, encodedId: string): Promise<void> {
    const clientId = decode(encodedId);
    const problem = clientId === undefined ? 'the client id is not valid percent-encoding' : clientIdProblem(clientId);
    if (problem !== undefined || clientId === undefined) return sendJson(res, 400, { error: problem });
    const registered = this.auth.clients.get(clientId);
    switch (req.method) {
      case 'PUT':
        return this.register(req, res, clientId);
      case 'GET':
        return registered ? sendJson(res, 200, { clientId, ...registered.registration }) : sendJson(res, 404, { error: `no client ${clientId}` });
      case 'DELETE':
        if (!this.auth.clients.remove(clientId)) return sendJson(res, 404, { error: `no client ${clientId}` });
        this.auth.tokens.revoke(clientId);
        res.writeHead(204).end();
        return;
      default:
        return sendJson(res, 405, { error: `no ${req.method} of a client: PUT, GET or DELETE` });
    }
  }

  private async register(req: IncomingMessage, res: ServerResponse, clientId: string): Promise<void> {
    const body = await readJsonBody(req);
    const registration = body.ok ? parseClientRegistration(body.value) : body.error;
    if (typeof registration === 'string') return sendJson(res, 400, { error: registration });
    this.auth.clients.register(clientId, registration);
    sendJson(res, 200, { clientId, ...registration });
  }
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
