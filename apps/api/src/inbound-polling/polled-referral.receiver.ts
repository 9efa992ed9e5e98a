import { polledReferralBundle, type ResourcesByReference } from '@keta/fhir-mapping';
import type { ServiceRequest } from '@medplum/fhirtypes';
import { Injectable } from '@nestjs/common';
import { auditContext } from '../audit/audit-context';
import type { KetaRequest } from '../auth/principal';
import { ReceiveReferralBundleUseCase } from '../fhir/receive-referral-bundle.use-case';

/** What became of one polled referral: new, known already (pushed, or polled before), or refused with a code. */
export type PolledOutcome = { kind: 'received' } | { kind: 'known' } | { kind: 'refused'; code: string };

/**
 * Hands a polled referral to the same intake as `POST /fhir/R4`, under the same source as the EHR's pushes when
 * the connection names the client it pushes with (`receivedAs`), so a referral both pushed and polled is one.
 */
@Injectable()
export class PolledReferralReceiver {
  constructor(private readonly receive: ReceiveReferralBundleUseCase) {}

  async receiveOne(connection: { id: string; baseUrl: string }, source: string, request: ServiceRequest, known: ResourcesByReference): Promise<PolledOutcome> {
    const bundle = polledReferralBundle(request, known, connection.baseUrl);
    const answer = await auditContext.run(pollAudit(connection.id), () => this.receive.execute(bundle, source, null));
    const response = answer.entry?.[0]?.response;
    if (response?.status.startsWith('201')) return { kind: 'received' };
    if (response?.status.startsWith('200')) return { kind: 'known' };
    return { kind: 'refused', code: `referral_refused_${response?.outcome?.issue?.[0]?.code ?? response?.status ?? 'unknown'}` };
  }
}

/**
 * The audit row of a polled referral, as the interceptor writes one for a pushed one: no user or client acted,
 * so the request id says which connection's poll did.
 */
function pollAudit(connectionId: string) {
  const req = { id: `poll:${connectionId}` } as unknown as KetaRequest;
  return { req, spec: { action: 'create' as const, resourceType: 'fhir:Bundle' }, recorded: false };
}

/** The inbound key's source: the EHR client it pushes with, else the connection itself. */
export function pollSource(connection: { id: string; pollReferrals: { receivedAs: string | null } | null }): string {
  const receivedAs = connection.pollReferrals?.receivedAs;
  return receivedAs ? `client:${receivedAs}` : `connection:${connection.id}`;
}
