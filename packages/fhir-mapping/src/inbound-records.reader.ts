import { DomainError, type FieldIssue } from '@keta/errors';
import type { BundleEntry, Condition, DocumentReference, MedicationRequest, MedicationStatement, Observation, ServiceRequest } from '@medplum/fhirtypes';
import { inboundKey, indexOfReference } from './bundle-reference';
import { fromFhirCondition, type ConditionFromFhir } from './condition.reader';
import { fromFhirHomeMedication, type HomeMedicationFromFhir } from './home-medication.reader';
import { fromFhirMeasurement, type MeasurementFromFhir } from './measurement.reader';
import { unreadable } from './read-error';
import { readInboundLetter, type InboundLetter } from './referral-letter.reader';

/** One record read from an inbound entry, keyed for idempotency like the referral (identifier, else fullUrl). */
export interface InboundItem<T> {
  entry: number;
  key: string;
  read: T;
}

/** What a referral's Bundle says about its patient. */
export interface InboundRecords {
  conditions: InboundItem<ConditionFromFhir>[];
  medications: InboundItem<HomeMedicationFromFhir>[];
  measurements: InboundItem<MeasurementFromFhir>[];
  letter?: InboundItem<InboundLetter>;
}

type RecordResource = Condition | MedicationStatement | MedicationRequest | Observation | DocumentReference;
const RECORD_TYPES: ReadonlySet<string> = new Set<RecordResource['resourceType']>(['Condition', 'MedicationStatement', 'MedicationRequest', 'Observation', 'DocumentReference']);
const isRecord = (resource: BundleEntry['resource']): resource is RecordResource => !!resource && RECORD_TYPES.has(resource.resourceType);

/** The record entries a referral draws on: those about its Patient, and those its ServiceRequest references. */
export function recordEntriesOf(entries: readonly BundleEntry[], request: ServiceRequest): number[] {
  const patient = indexOfReference(entries, request.subject);
  const about = entries[patient]?.resource?.resourceType === 'Patient' ? patient : -1;
  const referenced = new Set([...(request.supportingInfo ?? []), ...(request.reasonReference ?? [])].map((r) => indexOfReference(entries, r)));
  return entries.flatMap(({ resource }, index) =>
    isRecord(resource) && (referenced.has(index) || (about >= 0 && indexOfReference(entries, resource.subject) === about)) ? [index] : [],
  );
}

/** Record entries about no referral in the Bundle: Keta has nothing to read them into. */
export function orphanRecords(entries: readonly BundleEntry[]): FieldIssue[] {
  const claimed = new Set(entries.flatMap(({ resource }) => (resource?.resourceType === 'ServiceRequest' ? recordEntriesOf(entries, resource) : [])));
  return entries.flatMap(({ resource }, index) => (isRecord(resource) && !claimed.has(index)
    ? [{ field: `Bundle.entry[${index}]`, message: `${resource.resourceType} is about no referral in this Bundle: its subject must be a referral's Patient, or a ServiceRequest must reference it` }]
    : []));
}

/**
 * Reads a referral's record entries, each with its key. Refuses, naming the entry, one it cannot read, one with
 * no key, one about another patient than the referral's, and every letter after the first.
 */
export function readRecords(entries: readonly BundleEntry[], members: readonly number[], patientEntry: number): InboundRecords {
  const records: InboundRecords = { conditions: [], medications: [], measurements: [] };
  const issues: FieldIssue[] = [];
  let letter: number | undefined;
  for (const index of members) {
    const isLetter = entries[index]?.resource?.resourceType === 'DocumentReference';
    if (isLetter && letter !== undefined) {
      issues.push({ field: `Bundle.entry[${index}]`, message: `is a second letter for the referral (the first is entry ${letter}): Keta takes one letter per referral` });
      continue;
    }
    if (isLetter) letter = index;
    issues.push(...readRecord(records, entries, index, patientEntry));
  }
  if (issues.length) throw unreadable(issues);
  return records;
}

/** Reads one record entry into the records; answers what is wrong with it, named by entry. */
function readRecord(records: InboundRecords, entries: readonly BundleEntry[], index: number, patientEntry: number): FieldIssue[] {
  const at = (field: string) => `Bundle.entry[${index}].resource${field}`;
  const resource = entries[index]?.resource as RecordResource;
  const issues: FieldIssue[] = [];
  const key = inboundKey(entries[index]!);
  if (!key) issues.push({ field: at('.identifier'), message: 'needs an identifier or a fullUrl, so sending it again changes nothing' });
  if (resource.subject && patientEntry >= 0 && indexOfReference(entries, resource.subject) !== patientEntry) {
    issues.push({ field: at('.subject'), message: 'must reference the referral\'s Patient' });
  }
  try {
    // Read even without a key, to name all its issues; a keyless record is never returned (its issue refuses it).
    add(records, resource, { entry: index, key: key ?? '' });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A reader names `Observation.code`; in a Bundle the entry is what names the resource.
    issues.push(...error.issues.map((i) => ({ ...i, field: at(i.field.replace(/^[A-Za-z]+/, '')) })));
  }
  return issues;
}

function add(records: InboundRecords, resource: RecordResource, item: { entry: number; key: string }): void {
  switch (resource.resourceType) {
    case 'Condition':
      records.conditions.push({ ...item, read: fromFhirCondition(resource) });
      break;
    case 'MedicationStatement':
    case 'MedicationRequest':
      records.medications.push({ ...item, read: fromFhirHomeMedication(resource) });
      break;
    case 'Observation':
      records.measurements.push({ ...item, read: fromFhirMeasurement(resource) });
      break;
    case 'DocumentReference':
      records.letter = { ...item, read: readInboundLetter(resource) };
  }
}
