import type { PatientDemographics } from '@keta/domain';
import { DomainError, type FieldIssue } from '@keta/errors';
import type { Bundle, BundleEntry, Patient, Practitioner, PractitionerRole, Reference, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { fromFhirPatient } from './patient.reader';
import { unreadable } from './read-error';
import { fromFhirReferral, type ReferralFromFhir } from './referral.reader';

/** What an EHR may send Keta with a referral (issue 5, "Inbound referrals"). Anything else is refused. */
export const INBOUND_TYPES: ReadonlySet<string> = new Set([
  'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'ServiceRequest', 'DocumentReference', 'Condition',
  'MedicationStatement', 'MedicationRequest', 'Observation',
]);

export interface InboundReferral {
  /** The ServiceRequest's entry, and what keys it for idempotency: its first identifier, else its fullUrl. */
  entry: number;
  /** The entry of the Patient it is about. */
  patientEntry: number;
  key: string;
  patient: PatientDemographics;
  referral: ReferralFromFhir;
}

/** One referral of a Bundle: its ServiceRequest's entry, the entries it draws on, and what was read or why not. */
export interface ReferralUnit {
  entry: number;
  members: number[];
  read: InboundReferral | DomainError;
}

/**
 * Reads each ServiceRequest of a Bundle with the entries it references, on its own, so a batch can answer
 * entry by entry; `unsupported` names each entry of a type Keta does not take.
 */
export function readReferralUnits(bundle: Bundle): { units: ReferralUnit[]; unsupported: FieldIssue[] } {
  const entries = bundle.entry ?? [];
  const unsupported = entries
    .map((entry, index) => ({ index, type: entry.resource?.resourceType }))
    .filter(({ type }) => !type || !INBOUND_TYPES.has(type))
    .map(({ index, type }): FieldIssue => ({ field: `Bundle.entry[${index}]`, message: type ? `${type} is not a type Keta takes` : 'has no resource' }));
  const units = entries.flatMap((entry, index) => {
    if (entry.resource?.resourceType !== 'ServiceRequest') return [];
    const request = entry.resource;
    const members = [request.subject, request.requester, practitionerOfRole(entries, request.requester)]
      .map((reference) => indexOf(entries, reference))
      .filter((i): i is number => i >= 0);
    return [{ entry: index, members: [...new Set(members)], read: attempt(() => readOne(entries, entry, index)) }];
  });
  return { units, unsupported };
}

/**
 * Reads a transaction Bundle of referrals: every entry must be of a type Keta takes (else the whole Bundle is
 * refused, naming each entry), and each ServiceRequest's subject and requester must resolve inside it.
 */
export function readReferralBundle(bundle: Bundle): InboundReferral[] {
  const { units, unsupported } = readReferralUnits(bundle);
  if (unsupported.length) throw unreadable(unsupported);
  if (!units.length) throw unreadable([{ field: 'Bundle.entry', message: 'holds no ServiceRequest: nothing to refer' }]);
  const failures = units.flatMap((u) => (u.read instanceof DomainError ? u.read.issues : []));
  if (failures.length) throw unreadable([...failures]);
  return units.map((u) => u.read as InboundReferral);
}

function attempt(read: () => InboundReferral): InboundReferral | DomainError {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

function readOne(entries: BundleEntry[], entry: BundleEntry, index: number): InboundReferral {
  const request = entry.resource as ServiceRequest;
  const at = (field: string) => `Bundle.entry[${index}].resource.${field}`;
  const patient = resolve<Patient>(entries, request.subject, 'Patient');
  const patientEntry = entries.findIndex((e) => e.resource === patient);
  if (!patient) throw unreadable([{ field: at('subject'), message: 'must reference a Patient in this Bundle' }]);
  const requester = requesterOf(entries, request.requester);
  const identifier = request.identifier?.find((i) => i.value);
  const key = identifier ? `${identifier.system ?? ''}|${identifier.value}` : entry.fullUrl;
  if (!key) throw unreadable([{ field: at('identifier'), message: 'needs an identifier or a fullUrl, so sending it again changes nothing' }]);
  return { entry: index, patientEntry, key, patient: fromFhirPatient(patient), referral: fromFhirReferral(request, requester) };
}

/** The requester as a Practitioner, directly or through a PractitionerRole. */
function requesterOf(entries: BundleEntry[], reference: Reference | undefined): Practitioner | undefined {
  return resolve<Practitioner>(entries, practitionerOfRole(entries, reference) ?? reference, 'Practitioner');
}

function practitionerOfRole(entries: BundleEntry[], reference: Reference | undefined): Reference | undefined {
  return resolve<PractitionerRole>(entries, reference, 'PractitionerRole')?.practitioner;
}

function indexOf(entries: BundleEntry[], reference: Reference | undefined): number {
  const target = reference?.reference;
  return target ? entries.findIndex((e) => e.fullUrl === target || (e.resource && `${e.resource.resourceType}/${e.resource.id}` === target)) : -1;
}

/** A reference inside the Bundle: by fullUrl (urn:uuid:…) or by Type/id. */
function resolve<T extends Resource>(entries: BundleEntry[], reference: Reference | undefined, type: T['resourceType']): T | undefined {
  const found = entries[indexOf(entries, reference)];
  return found?.resource?.resourceType === type ? (found.resource as T) : undefined;
}
