import { findIndication, type ReferralRecord, type ReferralStatus } from '@keta/domain';
import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';
import { toFhirReferrer } from './referrer.mapper';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const BSER_BUSINESS_STATUS = 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS';

/** Task.status and BSeR business status for each referral status (DOMAIN.md §2.1). */
const TASK_STATE: Record<ReferralStatus, { status: Task['status']; business: [string, string] }> = {
  received: { status: 'received', business: ['2.0', 'Service Request Created'] },
  'needs-information': { status: 'on-hold', business: ['2.0', 'Service Request Created'] },
  accepted: { status: 'accepted', business: ['3.0', 'Service Request Accepted'] },
  declined: { status: 'rejected', business: ['4.0', 'Service Request Declined'] },
  cancelled: { status: 'cancelled', business: ['6.0', 'Service Request Fulfillment Cancelled'] },
  completed: { status: 'completed', business: ['7.0', 'Service Request Fulfillment Completed'] },
};

const SERVICE_REQUEST_STATUS: Record<ReferralStatus, ServiceRequest['status']> = {
  received: 'active',
  'needs-information': 'on-hold',
  accepted: 'active',
  declined: 'revoked',
  cancelled: 'revoked',
  completed: 'completed',
};

/** The referral as a BSeR-style ServiceRequest; Keta's identifier is the recipient's (FILL). */
export function toFhirServiceRequest(referral: ReferralRecord): ProjectedResource<ServiceRequest> {
  const own = { system: KETA_SYSTEMS.referral, value: referral.id };
  const indication = findIndication(referral.indication.system, referral.indication.code);
  const status = SERVICE_REQUEST_STATUS[referral.status];
  const referrer = toFhirReferrer(referral.referrer);
  const resource: ServiceRequest & { id: string } = {
    resourceType: 'ServiceRequest',
    id: referral.id,
    contained: referrer.contained,
    identifier: [
      { ...own, type: { coding: [{ system: V2_0203, code: 'FILL', display: 'Filler Identifier' }] } },
      ...(referral.placerIdentifier ? [{ ...referral.placerIdentifier, type: { coding: [{ system: V2_0203, code: 'PLAC', display: 'Placer Identifier' }] } }] : []),
    ],
    status,
    intent: 'order',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] },
    subject: { reference: `Patient/${referral.patientId}` },
    authoredOn: referral.createdAt,
    requester: referrer.requester,
    reasonCode: [{ coding: [{ ...referral.indication, display: indication?.display }], text: indication?.display ?? referral.indication.code }],
    note: [{ text: referral.reason }],
  };
  return { resource, patientId: referral.patientId, syncIdentifier: own, status: status ?? null };
}

/** The Task that carries the referral's workflow status to EHRs (BSeR ReferralTask). */
export function toFhirReferralTask(referral: ReferralRecord): ProjectedResource<Task> {
  const own = { system: KETA_SYSTEMS.referralTask, value: referral.taskId };
  const state = TASK_STATE[referral.status];
  const referrer = toFhirReferrer(referral.referrer);
  const resource: Task & { id: string } = {
    resourceType: 'Task',
    id: referral.taskId,
    contained: referrer.contained,
    identifier: [own],
    status: state.status,
    businessStatus: { coding: [{ system: BSER_BUSINESS_STATUS, code: state.business[0], display: state.business[1] }] },
    // BSeR: statusReason.text is required whenever statusReason is present (DOMAIN.md §2.1).
    ...(referral.statusReason ? { statusReason: { text: referral.statusReason } } : {}),
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${referral.id}` },
    for: { reference: `Patient/${referral.patientId}` },
    authoredOn: referral.createdAt,
    requester: referrer.requester,
  };
  return { resource, patientId: referral.patientId, syncIdentifier: own, status: state.status };
}
