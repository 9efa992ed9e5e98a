/*
 * The sandbox's control API, for tests; outside the FHIR base, answered with plain JSON, never faulted.
 *
 * PUT /$sandbox/faults  Replaces the fault settings; a field left out takes its default. Answers 200 with the
 * GET /$sandbox/faults  settings in force (defaults filled in); a bad body answers 400 {"error": "..."} and
 *                       changes nothing.
 *   latencyMs          integer 0..600000, default 0: every FHIR answer is held this long before it is written.
 *   dropRate           0..1, default 0: socket destroyed without an answer; nothing stored.
 *   errorRate          0..1, default 0: 503 + OperationOutcome (code transient); nothing stored.
 *   rateLimitRate      0..1, default 0: 429 + `Retry-After` + OperationOutcome (code throttled); nothing stored.
 *   retryAfterSeconds  integer 0..3600, default 1: the Retry-After of those 429s.
 *   timeoutRate        0..1, default 0: processed and stored, then never answered until the client gives up or
 *                      the sandbox closes.
 *   seed               integer 0..4294967295, optional: which request gets which fault follows a seeded
 *                      sequence (mulberry32), restarted by each PUT; unset, Math.random.
 *   Each FHIR request but /metadata draws once, the rates laid end to end in the order drop, error, rate
 *   limit, timeout, so their sum (at most 1) is the total fault rate. Unknown keys, wrong types and rates
 *   adding up to more than 1 are refused.
 *
 * PUT /$sandbox/rules   The EHR's rules for writes (create, update, patch, each entry of a transaction or batch),
 * GET /$sandbox/rules   as a real EHR enforces its profile. Default {"requiredElements": {}}: no rules.
 *   requiredElements   {"Patient": ["gender", "telecom"]}: top-level elements (a choice element without [x])
 *                      each write of that R4 type must carry. A write lacking one answers 422, an OperationOutcome
 *                      issue per element (code required, expression ["Patient.telecom"]); a transaction holding
 *                      such an entry is refused whole and leaves nothing. Unknown types or elements answer 400.
 *
 * GET /$sandbox/requests     {"received": [{method, path, bundleType?, entries?, at, fault?}], "totals": {requests,
 * DELETE /$sandbox/requests  bundleEntries}}: the last 1000 FHIR requests, metadata only, never a body; `fault` names
 *                            the one injected; totals count every request (and Bundle entry) since the last
 *                            DELETE, which empties both (204). `auth` ("401" or "403") marks a request refused for
 *                            authorization; the token is never recorded.
 *
 * /$sandbox/auth/...          The SMART authorization server's controls: see auth-control.handler.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send';
import { AUTH_CONTROL, type AuthControlHandler } from './auth-control.handler';
import { readJsonBody } from './control-body';
import { parseFaultSettings } from './fault-settings';
import type { Faults } from './faults';
import type { ReceivedRequests } from './received-requests';
import { parseRuleSettings, type EhrRules } from './rules';

const FAULTS = '/$sandbox/faults';
const RULES = '/$sandbox/rules';
const REQUESTS = '/$sandbox/requests';
const PATHS = new Set([FAULTS, RULES, REQUESTS]);

/** The test-facing side: faults to inject, the EHR's rules, authorization, and what the FHIR endpoint received. */
export class SandboxControlHandler {
  constructor(
    private readonly faults: Faults,
    private readonly rules: EhrRules,
    private readonly received: ReceivedRequests,
    private readonly auth: AuthControlHandler,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === AUTH_CONTROL || path.startsWith(`${AUTH_CONTROL}/`)) return this.auth.handle(req, res, path);
    switch (`${req.method} ${path}`) {
      case `GET ${FAULTS}`:
        return sendJson(res, 200, this.faults.current());
      case `PUT ${FAULTS}`:
        return replace(req, res, parseFaultSettings, (settings) => this.faults.replace(settings), () => this.faults.current());
      case `GET ${RULES}`:
        return sendJson(res, 200, this.rules.current());
      case `PUT ${RULES}`:
        return replace(req, res, parseRuleSettings, (settings) => this.rules.replace(settings), () => this.rules.current());
      case `GET ${REQUESTS}`:
        return sendJson(res, 200, { received: this.received.list(), totals: this.received.totals() });
      case `DELETE ${REQUESTS}`:
        this.received.clear();
        res.writeHead(204).end();
        return;
      default:
        return sendJson(res, PATHS.has(path) ? 405 : 404, { error: `no ${req.method} ${path}` });
    }
  }
}

/** A PUT of settings: parsed strictly, applied whole or not at all, answered with what is now in force. */
async function replace<T>(
  req: IncomingMessage,
  res: ServerResponse,
  parse: (input: unknown) => T | string,
  apply: (settings: T) => void,
  current: () => object,
): Promise<void> {
  const body = await readJsonBody(req);
  const settings = body.ok ? parse(body.value) : body.error;
  if (typeof settings === 'string') return sendJson(res, 400, { error: settings });
  apply(settings);
  sendJson(res, 200, current());
}
