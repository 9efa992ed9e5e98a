import type { IncomingMessage, ServerResponse } from 'node:http';
import { FHIR_BASE } from '../http/fhir.handler';
import { requestOrigin } from '../http/request-origin';
import { sendJson } from '../http/send';
import { ASSERTION_ALGORITHMS } from './client-assertion';
import { TOKEN_PATH } from './token-endpoint';

const WELL_KNOWN = '/.well-known/smart-configuration';
export const SMART_CONFIGURATION_PATHS = new Set([WELL_KNOWN, `${FHIR_BASE}${WELL_KNOWN}`]);

/**
 * SMART discovery for backend clients, served whether authorization is on or off (as a real EHR always
 * publishes it), never faulted. The token endpoint is named by the Host the client used.
 */
export function sendSmartConfiguration(req: IncomingMessage, res: ServerResponse, fallbackOrigin: string): void {
  sendJson(res, 200, {
    token_endpoint: `${requestOrigin(req, fallbackOrigin)}${TOKEN_PATH}`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
    grant_types_supported: ['client_credentials'],
    scopes_supported: ['system/*.cruds', 'system/*.rs', 'system/*.read', 'system/*.write', 'system/*.*'],
    capabilities: ['client-confidential-asymmetric'],
  });
}
