import type { Identifier, Measurement, MeasurementKind } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Observation, Quantity } from '@medplum/fhirtypes';
import { BLOOD_PRESSURE_COMPONENTS, LOINC_SYSTEM, MEASUREMENT_CODES, PREGNANCY_STATUS, UCUM_SYSTEM } from './measurement.mapper';
import { unreadable } from './read-error';
import { withSenderIdentifiers } from './sender-identifiers';

/** A measurement as Keta keeps it, less what Keta assigns (ids) and the encounter (the sender's, not Keta's). */
export interface MeasurementFromFhir {
  measurement: Measurement;
  effectiveAt: string;
  identifiers?: Identifier[];
}

const KINDS = Object.entries(MEASUREMENT_CODES) as Array<[MeasurementKind, (typeof MEASUREMENT_CODES)[MeasurementKind]]>;
const TAKEN = KINDS.map(([kind, { loinc }]) => `${loinc.join(' or ')} (${kind})`).join(', ');
/** Kilograms per unit of the US Core body-weight units (ucum-bodyweight: kg, g, [lb_av]). */
const KG_PER: Readonly<Record<string, number>> = { kg: 1, g: 0.001, '[lb_av]': 0.45359237 };
const FINAL_STATUSES = ['final', 'amended', 'corrected'];
/** A full date, or a date-time with seconds and a zone: what a measurement's time can be stored as. */
const WHEN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An Observation as one measurement Keta takes, recognised by its LOINC code; any other code is refused,
 * naming the ones Keta takes. Only final (or amended, corrected) results are read.
 */
export function fromFhirMeasurement(observation: Observation): MeasurementFromFhir {
  const codes = (observation.code?.coding ?? []).filter((c) => c.system === LOINC_SYSTEM).map((c) => c.code);
  const kind = KINDS.find(([, { loinc }]) => loinc.some((code) => codes.includes(code)))?.[0];
  if (!kind) throw unreadable([{ field: 'Observation.code', message: `is not a measurement Keta takes: LOINC ${TAKEN}` }]);
  const issues: FieldIssue[] = [];
  if (!FINAL_STATUSES.includes(observation.status)) issues.push({ field: 'Observation.status', message: `must be ${FINAL_STATUSES.join(', ')}: Keta keeps results, not plans or errors` });
  const effectiveAt = observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start;
  if (!effectiveAt || !WHEN.test(effectiveAt)) issues.push({ field: 'Observation.effective[x]', message: 'needs when it was taken: a full date, or a date-time with a time zone' });
  const measurement = READ[kind](observation, issues);
  if (issues.length) throw unreadable(issues);
  return { measurement: measurement!, effectiveAt: effectiveAt!, ...withSenderIdentifiers(observation.identifier) };
}

type Read = (o: Observation, issues: FieldIssue[]) => Measurement | undefined;

function inUnit(quantity: Quantity | undefined, code: string): number | undefined {
  return quantity?.system === UCUM_SYSTEM && quantity.code === code && typeof quantity.value === 'number' ? quantity.value : undefined;
}

/** Notes what a measurement's value lacks; reading goes on so every issue is named at once. */
function lacks(issues: FieldIssue[], field: string, message: string): undefined {
  issues.push({ field: `Observation.${field}`, message });
  return undefined;
}

const perMinute = (kind: 'heart-rate' | 'respiratory-rate'): Read => (o, issues) => {
  const value = inUnit(o.valueQuantity, '/min');
  return value === undefined ? lacks(issues, 'valueQuantity', 'needs a value in /min (UCUM)') : { kind, perMinute: value };
};

function bloodPressure(o: Observation, issues: FieldIssue[]): Measurement | undefined {
  const component = (code: string) => inUnit(o.component?.find((c) => c.code.coding?.some((k) => k.system === LOINC_SYSTEM && k.code === code))?.valueQuantity, 'mm[Hg]');
  const systolic = component(BLOOD_PRESSURE_COMPONENTS.systolic);
  const diastolic = component(BLOOD_PRESSURE_COMPONENTS.diastolic);
  return systolic === undefined || diastolic === undefined
    ? lacks(issues, 'component', 'needs systolic (LOINC 8480-6) and diastolic (8462-4) components in mm[Hg] (UCUM)')
    : { kind: 'blood-pressure', systolic, diastolic };
}

function bodyWeight(o: Observation, issues: FieldIssue[]): Measurement | undefined {
  const q = o.valueQuantity;
  const factor = q?.system === UCUM_SYSTEM ? KG_PER[q.code ?? ''] : undefined;
  const kg = factor !== undefined && typeof q?.value === 'number' ? q.value * factor : undefined;
  return kg === undefined ? lacks(issues, 'valueQuantity', 'needs a value in kg, g or [lb_av] (UCUM)') : { kind: 'body-weight', kg };
}

function pregnancyStatus(o: Observation, issues: FieldIssue[]): Measurement | undefined {
  const coded = (status: keyof typeof PREGNANCY_STATUS) =>
    o.valueCodeableConcept?.coding?.some((c) => c.system === PREGNANCY_STATUS[status].system && c.code === PREGNANCY_STATUS[status].code);
  const pregnant = coded('pregnant') ? true : coded('not-pregnant') ? false : undefined;
  return pregnant === undefined
    ? lacks(issues, 'valueCodeableConcept', 'needs SNOMED CT 77386006 (pregnant) or 60001007 (not pregnant)')
    : { kind: 'pregnancy-status', pregnant };
}

const READ: Record<MeasurementKind, Read> = {
  'blood-pressure': bloodPressure,
  'heart-rate': perMinute('heart-rate'),
  'respiratory-rate': perMinute('respiratory-rate'),
  'oxygen-saturation': (o, issues) => {
    const percent = inUnit(o.valueQuantity, '%');
    return percent === undefined ? lacks(issues, 'valueQuantity', 'needs a value in % (UCUM)') : { kind: 'oxygen-saturation', percent };
  },
  'body-weight': bodyWeight,
  pain: (o, issues) => {
    const score = o.valueInteger;
    return score === undefined || !Number.isInteger(score) || score < 0 || score > 10
      ? lacks(issues, 'valueInteger', 'needs the score as an integer from 0 to 10')
      : { kind: 'pain', score };
  },
  'pregnancy-status': pregnancyStatus,
};
