import type { HttpMethod } from '@medplum/fhir-router';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { EhrRules } from '../control/rules';
import { forbidden, tokenRefused, unauthorized } from '../http/outcomes';
import { neededAccess, type InteractionOf, type NeededAccess } from './required-access';
import { allows } from './scopes';
import type { SmartAuth } from './smart-auth';

/** Why a FHIR request is refused before anything else happens to it. */
export interface AccessRefusal {
  status: 401 | 403;
  outcome: OperationOutcome;
  headers: Record<string, string>;
}

const REALM = 'Bearer realm="keta-ehr-sandbox"';
const INVALID_TOKEN = 'Bearer error="invalid_token"';

/**
 * The FHIR base's door. With SMART authorization on, a request needs a valid token whose scopes allow each
 * interaction it asks for; otherwise only the rules' static bearer token (if set) is demanded.
 */
export class AccessGate {
  constructor(
    private readonly auth: SmartAuth,
    private readonly rules: EhrRules,
    private readonly interactionOf: InteractionOf,
  ) {}

  refusal(authorization: string | undefined, method: HttpMethod, path: string, body: unknown): AccessRefusal | undefined {
    if (!this.auth.enabled) {
      return this.rules.admits(authorization) ? undefined : { status: 401, outcome: unauthorized, headers: { 'www-authenticate': 'Bearer' } };
    }
    return checkBearer(this.auth, authorization, () => neededAccess(method, path, body, this.interactionOf));
  }
}

/** A SMART access token, then its scopes against every interaction the request needs. */
export function checkBearer(auth: SmartAuth, authorization: string | undefined, needed: () => NeededAccess[]): AccessRefusal | undefined {
  const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) return unauthenticated(REALM, 'login', 'A bearer access token is required (SMART Backend Services)');
  const found = auth.tokens.lookup(token);
  switch (found.state) {
    case 'unknown':
      return unauthenticated(INVALID_TOKEN, 'login', 'The access token is not one this server issued');
    case 'revoked':
      return unauthenticated(INVALID_TOKEN, 'login', 'The access token was revoked');
    case 'expired':
      return unauthenticated(INVALID_TOKEN, 'expired', 'The access token has expired');
    case 'valid': {
      const missing = needed().find((access) => !allows(found.grant.scopes, access.resourceType, access.permission));
      return missing && insufficientScope(missing);
    }
  }
}

function unauthenticated(challenge: string, code: 'login' | 'expired', text: string): AccessRefusal {
  return { status: 401, outcome: tokenRefused(code, text), headers: { 'www-authenticate': challenge } };
}

function insufficientScope({ resourceType, interaction, permission }: NeededAccess): AccessRefusal {
  const scope = `system/${resourceType}.${permission}`;
  const text = `The access token's scopes do not allow ${interaction} of ${resourceType}: it needs ${scope}`;
  return { status: 403, outcome: forbidden(text), headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` } };
}
