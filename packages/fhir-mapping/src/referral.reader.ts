import { ICD10CM, SNOMED, findIndication, type Identifier, type Referrer } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { ServiceRequest } from '@medplum/fhirtypes';
import { unreadable } from './read-error';
import { containedReferrer, readReferrer, type ReferrerResources } from './referrer.reader';
import { senderIdentifiers } from './sender-identifiers';

export type { ReferrerResources } from './referrer.reader';

export interface ReferralFromFhir {
  indication: { system: string; code: string };
  reason: string;
  referrer: Referrer;
  /** The referrer's own identifier for the referral (BSeR's PLAC), when it has one. */
  placerIdentifier?: Identifier;
}

/**
 * A referral ServiceRequest as what Keta's intake needs: the first reason coding that is an indication Keta
 * takes (DOMAIN.md §3.3-3.4), the reason as text (notes, else the reason's text), and the referrer from the
 * requester: the resources it contains, else those found beside it (in an inbound Bundle), else the NPI and
 * name on the reference itself.
 */
export function fromFhirReferral(request: ServiceRequest, found: ReferrerResources = {}): ReferralFromFhir {
  const issues: FieldIssue[] = [];
  const codings = (request.reasonCode ?? []).flatMap((c) => c.coding ?? []);
  const indication = codings.find((c) => (c.system === SNOMED || c.system === ICD10CM) && c.code && findIndication(c.system, c.code));
  if (!indication) issues.push({ field: 'ServiceRequest.reasonCode', message: 'needs a SNOMED CT or ICD-10-CM code of a condition Keta accepts referrals for' });
  const reason = (request.note ?? []).map((n) => n.text?.trim()).filter(Boolean).join('\n') || request.reasonCode?.[0]?.text?.trim() || '';
  if (!reason) issues.push({ field: 'ServiceRequest.note', message: 'needs the reason for the referral as text' });
  const referrer = readReferrer(request.requester, { ...found, ...containedReferrer(request, request.requester) }, issues);
  if (issues.length) throw unreadable(issues);
  const placed = request.identifier?.filter((i) => i.type?.coding?.some((c) => c.code === 'PLAC'));
  const [placerIdentifier] = senderIdentifiers(placed?.length ? placed : request.identifier);
  return { indication: { system: indication!.system!, code: indication!.code! }, reason, referrer: referrer!, ...(placerIdentifier ? { placerIdentifier } : {}) };
}
