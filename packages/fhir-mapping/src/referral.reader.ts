import { ICD10CM, NPI_SYSTEM, SNOMED, findIndication, type Referrer } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Practitioner, ServiceRequest } from '@medplum/fhirtypes';
import { unreadable } from './read-error';

export interface ReferralFromFhir {
  indication: { system: string; code: string };
  reason: string;
  referrer: Referrer;
}

/**
 * A referral ServiceRequest as what Keta's intake needs: the first reason coding that is an indication Keta
 * takes (DOMAIN.md §3.3-3.4), the reason as text (notes, else the reason's text), and the referrer from the
 * requester (an NPI identifier on the reference, or on the Practitioner it points to).
 */
export function fromFhirReferral(request: ServiceRequest, requester?: Practitioner): ReferralFromFhir {
  const issues: FieldIssue[] = [];
  const codings = (request.reasonCode ?? []).flatMap((c) => c.coding ?? []);
  const indication = codings.find((c) => (c.system === SNOMED || c.system === ICD10CM) && c.code && findIndication(c.system, c.code));
  if (!indication) issues.push({ field: 'ServiceRequest.reasonCode', message: 'needs a SNOMED CT or ICD-10-CM code of a condition Keta accepts referrals for' });
  const reason = (request.note ?? []).map((n) => n.text?.trim()).filter(Boolean).join('\n') || request.reasonCode?.[0]?.text?.trim() || '';
  if (!reason) issues.push({ field: 'ServiceRequest.note', message: 'needs the reason for the referral as text' });
  const npi = request.requester?.identifier?.system === NPI_SYSTEM ? request.requester.identifier.value : requester?.identifier?.find((i) => i.system === NPI_SYSTEM)?.value;
  const name = request.requester?.display ?? practitionerName(requester);
  if (!npi) issues.push({ field: 'ServiceRequest.requester', message: 'needs the referrer\'s NPI (identifier system http://hl7.org/fhir/sid/us-npi)' });
  if (!name) issues.push({ field: 'ServiceRequest.requester', message: 'needs the referrer\'s name' });
  if (issues.length) throw unreadable(issues);
  return { indication: { system: indication!.system!, code: indication!.code! }, reason, referrer: { name: name!, npi: npi! } };
}

function practitionerName(practitioner?: Practitioner): string | undefined {
  const name = practitioner?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}
