import { findIndication, referralStage, type ClosingSummary, type ReferralRecord, type ReferralStage, type ReferralStatus } from '@keta/domain';
import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';
import { toFhirReferrer } from './referrer.mapper';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const BSER_BUSINESS_STATUS = 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS';

/** Task.status and BSeR business status for each stage of a referral (DOMAIN.md §2.1). */
const TASK_STATE: Record<ReferralStage, { status: Task['status']; business: [string, string] }> = {
  received: { status: 'received', business: ['2.0', 'Service Request Created'] },
  'needs-information': { status: 'on-hold', business: ['2.0', 'Service Request Created'] },
  accepted: { status: 'accepted', business: ['3.0', 'Service Request Accepted'] },
  scheduled: { status: 'in-progress', business: ['5.1.1', 'Service Request Event Scheduled'] },
  'in-treatment': { status: 'in-progress', business: ['5.1.4', 'Service Request Event Completed'] },
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
  const state = TASK_STATE[referralStage(referral.status, referral.treatment)];
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
    ...(referral.closingSummary ? { output: closingOutputs(referral.closingSummary) } : {}),
  };
  return { resource, patientId: referral.patientId, syncIdentifier: own, status: state.status };
}

const LOINC = 'http://loinc.org';
/** The LOINC total score each reported measure is (DOMAIN.md §3.1). */
const SCORE_CODES: Record<ClosingSummary['scores'][number]['measure'], { code: string; display: string }> = {
  phq9: { code: '44261-6', display: 'PHQ-9 total score' },
  gad7: { code: '70274-6', display: 'GAD-7 total score' },
  pain: { code: '72514-3', display: 'Pain severity 0-10 (verbal numeric rating)' },
};

/**
 * The closing summary as BSeR feedback items on the completed Task (DOMAIN.md §2.1): the infusions attended
 * (SNOMED 298057009, BSeR's own example), each score before and after the series, and the clinic's note.
 */
function closingOutputs(summary: ClosingSummary): NonNullable<Task['output']> {
  const scores = summary.scores.flatMap(({ measure, baseline, final }) => {
    const coding = [{ system: LOINC, ...SCORE_CODES[measure] }];
    return [
      ...(baseline === null ? [] : [{ type: { coding, text: `${SCORE_CODES[measure].display} before the series` }, valueInteger: baseline }]),
      ...(final === null ? [] : [{ type: { coding, text: `${SCORE_CODES[measure].display} at the end of the series` }, valueInteger: final }]),
    ];
  });
  return [
    { type: { coding: [{ system: 'http://snomed.info/sct', code: '298057009', display: 'Number of appointments attended' }], text: 'Infusions completed' }, valueInteger: summary.series.infusionsCompleted },
    { type: { text: 'Series' }, valuePeriod: { start: summary.series.firstInfusionOn, end: summary.series.lastInfusionOn } },
    ...scores,
    ...(summary.note ? [{ type: { text: 'Closing note' }, valueString: summary.note }] : []),
  ];
}
