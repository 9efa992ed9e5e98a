import { EhrClientEntity } from '@keta/db';
import { EHR_CLIENT_ROLE, formatSmartScope, intersectSmartScopes, parseSmartScopes, type AuditOutcome } from '@keta/domain';
import { DomainError } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { decodeJwt, type JWTPayload } from 'jose';
import type { Repository } from 'typeorm';
import { z } from 'zod';
import { AuditTrail } from '../audit/audit-trail.service';
import { auditOutcomeOf } from '../audit/audit-outcome';
import type { ClientPrincipal, KetaRequest } from '../auth/principal';
import { SignInThrottle } from '../auth/sign-in-throttle.service';
import { TokenService } from '../auth/token.service';
import { AssertionReplayService } from './assertion-replay.service';
import { verifyClientAssertion } from './client-assertion.verifier';
import { OAuthError } from './oauth-error';
import { tokenEndpointUrl } from './token-endpoint';
import { readTokenRequest } from './token-request';

/** The token response of RFC 6749 §5.1, as SMART Backend Services clients expect it. */
export interface ClientTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

const uuid = z.uuid();

/**
 * client_credentials with a private_key_jwt assertion in, a five-minute access token out. Every request is
 * throttled per claimed client and per address, and audited (`oauth-client`, `sign-in`), like a user's sign-in.
 */
@Injectable()
export class IssueClientTokenUseCase {
  constructor(
    @InjectRepository(EhrClientEntity) private readonly clients: Repository<EhrClientEntity>,
    private readonly throttle: SignInThrottle,
    private readonly replay: AssertionReplayService,
    private readonly tokens: TokenService,
    private readonly trail: AuditTrail,
  ) {}

  async execute(req: KetaRequest): Promise<ClientTokenResponse> {
    let claimedId: string | undefined;
    let client: EhrClientEntity | null = null;
    try {
      const request = readTokenRequest(req);
      const claims = unverifiedClaims(request.assertion);
      claimedId = uuid.safeParse(claims?.iss).success ? claims?.iss : undefined;
      const account = `client:${claimedId ?? 'unknown'}` as const;
      await this.throttle.take(account, req.ip ?? 'unknown');
      if (!claims) throw new OAuthError('invalid_client', 'client_assertion is not a signed JWT');
      client = claimedId ? await this.clients.findOneBy({ id: claimedId }) : null;
      if (!client?.enabled) throw new OAuthError('invalid_client', 'The assertion iss is not a registered, enabled client');
      if (request.clientId !== undefined && request.clientId !== client.id) {
        throw new OAuthError('invalid_client', 'client_id must equal the assertion iss');
      }
      const assertion = await verifyClientAssertion(request.assertion, client.jwks, client.id, tokenEndpointUrl(req));
      if (!(await this.replay.spend(client.id, assertion.jti, assertion.replayableUntil))) {
        throw new OAuthError('invalid_client', 'This assertion jti was already used: sign a new assertion for each request');
      }
      await this.throttle.giveBack(account, req.ip ?? 'unknown');
      const granted = intersectSmartScopes(parseSmartScopes(request.scope), parseSmartScopes(client.scopes));
      if (!granted.length) throw new OAuthError('invalid_scope', 'None of the requested scopes is registered for this client');
      const token = await this.tokens.issueForClient(client.id, granted);
      await this.audit(req, claimedId, client, 'success');
      const scope = granted.map(formatSmartScope).join(' ');
      return { access_token: token.accessToken, token_type: 'bearer', expires_in: token.expiresIn, scope };
    } catch (thrown) {
      if (thrown instanceof DomainError) await this.audit(req, claimedId, client, auditOutcomeOf(thrown), errorCodeOf(thrown));
      throw thrown;
    }
  }

  /** Ids only: the claimed client id when it is one, the client as actor once it is known to exist. */
  private audit(
    req: KetaRequest, claimedId: string | undefined, client: EhrClientEntity | null, outcome: AuditOutcome, errorCode?: string,
  ): Promise<void> {
    const actor: ClientPrincipal | undefined = client ? { clientId: client.id, role: EHR_CLIENT_ROLE, scopes: [] } : undefined;
    const entry = { action: 'sign-in', resourceType: 'oauth-client', resourceId: claimedId ?? null, actor } as const;
    return this.trail.record(req, { ...entry, outcome, errorCode: errorCode ?? null });
  }
}

/** The assertion's claims, unverified: its `iss` names the client whose keys verify it. Undefined if no JWT. */
function unverifiedClaims(assertion: string): JWTPayload | undefined {
  try {
    return decodeJwt(assertion);
  } catch {
    return undefined;
  }
}

function errorCodeOf(error: DomainError): string {
  return error instanceof OAuthError ? error.oauthCode : error.code;
}
