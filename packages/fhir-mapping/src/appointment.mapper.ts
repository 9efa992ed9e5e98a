import type { AppointmentKind, AppointmentRecord, AppointmentStatus } from '@keta/domain';
import type { Appointment, AppointmentParticipant, CodeableConcept } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';

const CPT = 'http://www.ama-assn.org/go/cpt';
const APPOINTMENT_REASON = 'http://terminology.hl7.org/CodeSystem/v2-0276';

/** R4's Appointment statuses for the clinic's: a completed visit is fulfilled, a no-show is noshow. */
const STATUS: Record<AppointmentStatus, Appointment['status']> = {
  booked: 'booked', cancelled: 'cancelled', 'no-show': 'noshow', 'checked-in': 'checked-in', completed: 'fulfilled',
};

/** What the visit is, by the CPT code the clinic bills it under (the infusion as the Encounter has it). */
const SERVICE: Record<AppointmentKind, CodeableConcept> = {
  consultation: { coding: [{ system: CPT, code: '99205', display: 'New patient office visit, 60 minutes or more' }], text: 'Consultation before ketamine treatment' },
  infusion: { coding: [{ system: CPT, code: '96365', display: 'IV infusion for therapy, prophylaxis or diagnosis; initial, up to 1 hour' }], text: 'IV ketamine infusion' },
  kap: { coding: [{ system: CPT, code: '90834', display: 'Psychotherapy, 45 minutes with patient' }], text: 'Ketamine-assisted psychotherapy' },
  booster: { coding: [{ system: CPT, code: '96365', display: 'IV infusion for therapy, prophylaxis or diagnosis; initial, up to 1 hour' }], text: 'IV ketamine booster infusion' },
};

/** HL7 v2 table 0276: a consultation is the routine first visit; the rest follow up on it. */
const TYPE: Record<AppointmentKind, CodeableConcept> = {
  consultation: { coding: [{ system: APPOINTMENT_REASON, code: 'ROUTINE', display: 'Routine appointment - default if not valued' }] },
  infusion: { coding: [{ system: APPOINTMENT_REASON, code: 'FOLLOWUP', display: 'A follow up visit from a previous appointment' }] },
  kap: { coding: [{ system: APPOINTMENT_REASON, code: 'FOLLOWUP', display: 'A follow up visit from a previous appointment' }] },
  booster: { coding: [{ system: APPOINTMENT_REASON, code: 'FOLLOWUP', display: 'A follow up visit from a previous appointment' }] },
};

/**
 * One appointment as an R4 Appointment: the patient takes part (accepted: the clinic booked it with them); an
 * infusion's chair is a Location named by display only (chairs are not Locations the EHR knows); the infusions
 * of a series are based on the referral's ServiceRequest.
 */
export function toFhirAppointment(record: AppointmentRecord): ProjectedResource<Appointment> {
  const own = { system: KETA_SYSTEMS.appointment, value: record.id };
  const participant: AppointmentParticipant[] = [
    { actor: { reference: `Patient/${record.patientId}` }, required: 'required', status: 'accepted' },
    ...(record.chair ? [{ actor: { type: 'Location' as const, display: `Chair ${record.chair}` }, required: 'required' as const, status: 'accepted' as const }] : []),
  ];
  const resource: Appointment & { id: string } = {
    resourceType: 'Appointment',
    id: record.id,
    identifier: [own],
    status: STATUS[record.status],
    ...(record.status === 'cancelled' && record.cancelationReason ? { cancelationReason: { text: record.cancelationReason } } : {}),
    serviceType: [SERVICE[record.kind]],
    appointmentType: TYPE[record.kind],
    start: record.start,
    end: record.end,
    minutesDuration: Math.round((Date.parse(record.end) - Date.parse(record.start)) / 60_000),
    created: record.createdAt,
    ...(record.referralId ? { basedOn: [{ reference: `ServiceRequest/${record.referralId}` }] } : {}),
    participant,
  };
  return { resource, patientId: record.patientId, syncIdentifier: own, status: resource.status };
}
