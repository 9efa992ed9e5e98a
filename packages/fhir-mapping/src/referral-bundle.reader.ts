import type { PatientDemographics } from '@keta/domain';
import { DomainError, type FieldIssue } from '@keta/errors';
import type { Bundle, BundleEntry, Organization, Patient, Practitioner, PractitionerRole, Reference, ServiceRequest } from '@medplum/fhirtypes';
import { inboundKey, indexOfReference, resolveReference } from './bundle-reference';
import { orphanRecords, readRecords, recordEntriesOf, type InboundRecords } from './inbound-records.reader';
import { fromFhirPatient } from './patient.reader';
import { unreadable } from './read-error';
import { fromFhirReferral, type ReferralFromFhir, type ReferrerResources } from './referral.reader';

export type { InboundItem, InboundRecords } from './inbound-records.reader';

/** What an EHR may send Keta with a referral (issue 5, "Inbound referrals"). Anything else is refused. */
export const INBOUND_TYPES: ReadonlySet<string> = new Set([
  'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'ServiceRequest', 'DocumentReference', 'Condition',
  'MedicationStatement', 'MedicationRequest', 'Observation',
]);

/** A referral read from a Bundle, with its patient and what the Bundle says about that patient (InboundRecords). */
export interface InboundReferral extends InboundRecords {
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
 * Reads each ServiceRequest of a Bundle with the entries it draws on (its patient, referrer and the records
 * about its patient), on its own, so a batch can answer entry by entry. `unsupported` names each entry Keta
 * does not take: of a type it does not take, or a record about no referral in the Bundle.
 */
export function readReferralUnits(bundle: Bundle): { units: ReferralUnit[]; unsupported: FieldIssue[] } {
  const entries = bundle.entry ?? [];
  const foreign = entries
    .map((entry, index) => ({ index, type: entry.resource?.resourceType }))
    .filter(({ type }) => !type || !INBOUND_TYPES.has(type))
    .map(({ index, type }): FieldIssue => ({ field: `Bundle.entry[${index}]`, message: type ? `${type} is not a type Keta takes` : 'has no resource' }));
  const units = entries.flatMap((entry, index) => {
    if (entry.resource?.resourceType !== 'ServiceRequest') return [];
    const request = entry.resource;
    const records = recordEntriesOf(entries, request);
    const members = [indexOfReference(entries, request.subject), ...referrerEntries(entries, request.requester), ...records].filter((i) => i >= 0);
    return [{ entry: index, members: [...new Set(members)], read: attempt(() => readOne(entries, index, records)) }];
  });
  return { units, unsupported: [...foreign, ...orphanRecords(entries)] };
}

/**
 * Reads a transaction Bundle of referrals: every entry must be one Keta takes (else the whole Bundle is refused,
 * naming each entry), each ServiceRequest's subject and requester must resolve inside it, and every record
 * about a referral's patient must be readable.
 */
export function readReferralBundle(bundle: Bundle): InboundReferral[] {
  const { units, unsupported } = readReferralUnits(bundle);
  if (unsupported.length) throw unreadable(unsupported);
  if (!units.length) throw unreadable([{ field: 'Bundle.entry', message: 'holds no ServiceRequest: nothing to refer' }]);
  const failures = units.flatMap((u) => (u.read instanceof DomainError ? u.read.issues : []));
  // Two referrals about one patient share its records: name each failure once.
  if (failures.length) throw unreadable([...new Map(failures.map((i) => [`${i.field} ${i.message}`, i])).values()]);
  return units.map((u) => u.read as InboundReferral);
}

function attempt<T>(read: () => T): T | DomainError {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** Reads one part of a referral, adding its issues to the others' so the sender learns them all at once. */
function collect<T>(issues: FieldIssue[], read: () => T): T | undefined {
  const result = attempt(read);
  if (!(result instanceof DomainError)) return result;
  issues.push(...result.issues);
  return undefined;
}

function readOne(entries: BundleEntry[], index: number, records: number[]): InboundReferral {
  const request = entries[index]!.resource as ServiceRequest;
  const issues: FieldIssue[] = [];
  const patient = resolveReference<Patient>(entries, request.subject, 'Patient');
  const patientEntry = patient ? indexOfReference(entries, request.subject) : -1;
  if (!patient) issues.push({ field: `Bundle.entry[${index}].resource.subject`, message: 'must reference a Patient in this Bundle' });
  const key = inboundKey(entries[index]!);
  if (!key) issues.push({ field: `Bundle.entry[${index}].resource.identifier`, message: 'needs an identifier or a fullUrl, so sending it again changes nothing' });
  const demographics = patient && collect(issues, () => fromFhirPatient(patient));
  const referral = collect(issues, () => fromFhirReferral(request, referrerOf(entries, request.requester)));
  const read = collect(issues, () => readRecords(entries, records, patientEntry));
  if (issues.length) throw unreadable(issues);
  return { entry: index, patientEntry, key: key!, patient: demographics!, referral: referral!, ...read! };
}

/** The requester as found in the Bundle: a Practitioner, or a PractitionerRole with its Practitioner and Organization. */
function referrerOf(entries: BundleEntry[], requester: Reference | undefined): ReferrerResources {
  const role = resolveReference<PractitionerRole>(entries, requester, 'PractitionerRole');
  return {
    role,
    practitioner: resolveReference<Practitioner>(entries, role?.practitioner ?? requester, 'Practitioner'),
    organization: resolveReference<Organization>(entries, role?.organization, 'Organization'),
  };
}

function referrerEntries(entries: BundleEntry[], requester: Reference | undefined): number[] {
  const role = resolveReference<PractitionerRole>(entries, requester, 'PractitionerRole');
  return [requester, role?.practitioner, role?.organization].map((reference) => indexOfReference(entries, reference));
}
