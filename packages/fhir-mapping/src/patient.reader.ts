import { KETA_IDENTIFIER_PREFIX, SEXES, type PatientDemographics } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Patient } from '@medplum/fhirtypes';
import { unreadable } from './read-error';

/**
 * A FHIR Patient as the demographics Keta keeps: the official (else first) name, birth date, gender, the
 * first phone and email, and every identifier except Keta's own (those Keta assigns itself).
 */
export function fromFhirPatient(patient: Patient): PatientDemographics {
  const issues: FieldIssue[] = [];
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (!name?.family || !name.given?.length) issues.push({ field: 'Patient.name', message: 'needs a family name and a given name' });
  if (!patient.birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate)) issues.push({ field: 'Patient.birthDate', message: 'needs a full date (YYYY-MM-DD)' });
  const sex = SEXES.find((s) => s === patient.gender);
  if (!sex) issues.push({ field: 'Patient.gender', message: `must be one of ${SEXES.join(', ')}` });
  if (issues.length) throw unreadable(issues);
  const phone = patient.telecom?.find((t) => t.system === 'phone')?.value;
  const email = patient.telecom?.find((t) => t.system === 'email')?.value;
  const identifiers = (patient.identifier ?? [])
    .filter((i): i is { system: string; value: string } => !!i.system && !!i.value && !i.system.startsWith(KETA_IDENTIFIER_PREFIX))
    .map(({ system, value }) => ({ system, value }));
  return {
    name: { given: name!.given!, family: name!.family! },
    birthDate: patient.birthDate!,
    sex: sex!,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    identifiers,
  };
}
