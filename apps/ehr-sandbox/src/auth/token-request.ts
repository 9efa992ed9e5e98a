import { verifyClientAssertion } from './client-assertion';
import { grantableScopes, parseSystemScope } from './scopes';
import type { SmartAuth } from './smart-auth';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type';

/** RFC 6749 §5.1 and §5.2 bodies. */
export type TokenAnswer =
  | { granted: true; clientId: string; body: { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } }
  | { granted: false; claimed?: string; body: { error: TokenErrorCode; error_description: string } };

const PARAMETERS = ['grant_type', 'client_assertion_type', 'client_assertion', 'scope', 'client_id'];

/** A client_credentials request with a private_key_jwt assertion (SMART Backend Services), granted or refused. */
export async function requestToken(form: URLSearchParams, tokenUrl: string, auth: SmartAuth): Promise<TokenAnswer> {
  const problem = formProblem(form);
  if (problem) return refuse(problem[0], problem[1], form.get('client_id') ?? undefined);
  const proof = await verifyClientAssertion(form.get('client_assertion')!, tokenUrl, auth.clients);
  if (!proof.ok) return refuse('invalid_client', proof.description, proof.claimed);
  const { clientId } = proof;
  const clientIdParam = form.get('client_id');
  if (clientIdParam !== null && clientIdParam !== clientId) return refuse('invalid_client', `client_id ${clientIdParam} is not the assertion's iss ${clientId}`, clientId);
  const granted = grantableScopes(form.get('scope')!, auth.clients.get(clientId)!.scopes);
  if (granted.length === 0) return refuse('invalid_scope', `none of the requested scopes is allowed for ${clientId}`, clientId);
  const { tokenLifetimeSeconds } = auth.current();
  const access_token = auth.tokens.issue(clientId, granted.map((text) => parseSystemScope(text)!), tokenLifetimeSeconds);
  const body = { access_token, token_type: 'bearer' as const, expires_in: tokenLifetimeSeconds, scope: granted.join(' ') };
  return { granted: true, clientId, body };
}

/** What is wrong with the form before any client is authenticated, as [error, description]. */
function formProblem(form: URLSearchParams): [TokenErrorCode, string] | undefined {
  const repeated = PARAMETERS.find((name) => form.getAll(name).length > 1);
  if (repeated) return ['invalid_request', `${repeated} is given more than once`];
  const grantType = form.get('grant_type');
  if (grantType === null) return ['invalid_request', 'grant_type is required'];
  if (grantType !== 'client_credentials') return ['unsupported_grant_type', `grant_type ${grantType} is not supported: use client_credentials`];
  if (form.get('client_assertion_type') !== JWT_BEARER) return ['invalid_request', `client_assertion_type must be ${JWT_BEARER}`];
  if (!form.get('client_assertion')) return ['invalid_request', 'client_assertion is required'];
  if (!form.get('scope')?.trim()) return ['invalid_request', 'scope is required'];
  return undefined;
}

function refuse(error: TokenErrorCode, description: string, claimed?: string): TokenAnswer {
  return { granted: false, ...(claimed !== undefined && { claimed }), body: { error, error_description: description } };
}
