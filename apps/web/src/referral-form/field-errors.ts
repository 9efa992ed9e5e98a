import { referralIntakeSchema, type ReferralIntake } from '@keta/domain';
import type { ReferralFormValues } from './referral-form-values';
import { toIntakeInput } from './referral-form-values';

/** The form's fields by id (each input's id), with what to call them in a sentence. */
const LABELS: Record<string, string> = {
  given: 'the given names', family: 'the family name', birthDate: 'the birth date', sex: 'the sex', phone: "the patient's phone number",
  email: "the patient's email", mrn: 'the record number', mrnSystem: 'the record system', referrerName: 'your name', npi: 'your NPI',
  organization: 'your organization', referrerPhone: 'your phone number', indication: 'the condition', reason: 'the reason for the referral',
  medications: 'the medications', name: "the medication's name", rxnorm: 'the RxNorm code', dosage: 'the dosage',
};
const CHOICES = new Set(['sex', 'indication']);

export type FieldErrors = Record<string, string>;

interface Issue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  maximum?: number | bigint;
}

/** The input a schema path points at: `patient.name.given.0` is the given-names input, `medications.2.rxnorm` a row's code. */
export function fieldOf(path: ReadonlyArray<PropertyKey>, values: ReferralFormValues): string {
  const [head, second, third] = path.map(String);
  switch (head) {
    case 'patient':
      if (second === 'name') return third === 'family' ? 'family' : 'given';
      if (second === 'identifiers') return path[3] === 'value' ? 'mrn' : 'mrnSystem';
      return second ?? 'given';
    case 'referrer':
      return { name: 'referrerName', npi: 'npi', organization: 'organization', phone: 'referrerPhone' }[second ?? 'name'] ?? 'referrerName';
    case 'attestations':
      return `attestation-${second ?? ''}`;
    case 'medications': {
      const row = second === undefined ? undefined : values.medications[Number(second)];
      return row ? `medication-${row.key}-${third ?? 'name'}` : 'medications';
    }
    default:
      return head ?? 'reason';
  }
}

/** What the referrer reads next to the field: what is wrong, and what to do, in plain words. */
export function plainMessage(field: string, issue: Pick<Issue, 'message' | 'code' | 'maximum'>, values: ReferralFormValues): string {
  const kind = field.startsWith('medication-') ? field.split('-')[2]! : field;
  const label = LABELS[kind] ?? 'this answer';
  if (isBlank(field, values)) {
    if (kind === 'name' || kind === 'rxnorm') return "Give the medication's name or its RxNorm code (or remove the row).";
    if (kind === 'mrn' || kind === 'mrnSystem') return `Enter ${label} too, or leave both record fields empty.`;
    return CHOICES.has(kind) ? `Choose ${label}.` : `Enter ${label}.`;
  }
  if (issue.code === 'too_big') return kind === 'medications' ? 'List at most 50 medications.' : `${capital(label)} is too long: at most ${String(issue.maximum)} characters.`;
  switch (kind) {
    case 'npi': return 'Enter a valid 10-digit NPI. The last digit is a check digit: check the number for a typing mistake.';
    case 'email': return 'Enter an email address like name@example.com.';
    case 'birthDate': return /between/.test(issue.message) ? 'The birth date must be between 1900 and today.' : 'Enter the birth date as a full date (day, month and year).';
    case 'mrnSystem': return /reserved/.test(issue.message) ? "This system name is Keta's own: use your practice's." : 'Enter the record system as a web address, like https://your-practice.example/mrn.';
    case 'rxnorm': return 'An RxNorm code is digits only, like 313782.';
    case 'indication': return 'Choose the condition from the list.';
    case 'given': return 'Enter the given names (at most 5).';
  }
  return /^(must|is|needs)\b/.test(issue.message) ? `${capital(label)} ${issue.message}.` : `${capital(label)}: ${issue.message}.`;
}

function isBlank(field: string, v: ReferralFormValues): boolean {
  if (field.startsWith('medication-')) {
    const [, key, part] = field.split('-');
    const row = v.medications.find((m) => String(m.key) === key);
    return row !== undefined && (part === 'name' || part === 'rxnorm') && row.name.trim() === '' && row.rxnorm.trim() === '';
  }
  const value = (v as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' && value.trim() === '';
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export type Validation = { ok: true; intake: ReferralIntake } | { ok: false; errors: FieldErrors };

/** Judges the form with the API's own schema (referralIntakeSchema): the first problem of each field. */
export function validateReferral(values: ReferralFormValues): Validation {
  const result = referralIntakeSchema.safeParse(toIntakeInput(values));
  if (result.success) return { ok: true, intake: result.data };
  return { ok: false, errors: collect(result.error.issues, values) };
}

function collect(issues: readonly Issue[], values: ReferralFormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path, values);
    errors[field] ??= plainMessage(field, issue, values);
  }
  return errors;
}

/** The API's `errors` (fields named by dotted path, docs/ERRORS.md), as the form's field errors. */
export function serverFieldErrors(errors: ReadonlyArray<{ field: string; message: string }>, values: ReferralFormValues): FieldErrors {
  return collect(errors.map((e) => ({ path: e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: e.message })), values);
}
