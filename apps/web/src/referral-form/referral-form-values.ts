import type { AttestationKey } from './attestation-questions';

export interface MedicationRow {
  /** Stable across edits, so a row keeps its inputs and its errors when another is removed. */
  key: number;
  name: string;
  rxnorm: string;
  dosage: string;
}

export type Answer = 'yes' | 'no' | '';

/** What the form holds: strings as typed, turned into a referral intake for the schema to judge. */
export interface ReferralFormValues {
  given: string;
  family: string;
  birthDate: string;
  sex: string;
  phone: string;
  email: string;
  mrn: string;
  mrnSystem: string;
  referrerName: string;
  npi: string;
  organization: string;
  referrerPhone: string;
  /** `system|code` of the chosen indication. */
  indication: string;
  reason: string;
  attestations: Partial<Record<AttestationKey, Answer>>;
  medications: MedicationRow[];
}

export const emptyForm = (): ReferralFormValues => ({
  given: '', family: '', birthDate: '', sex: '', phone: '', email: '', mrn: '', mrnSystem: '',
  referrerName: '', npi: '', organization: '', referrerPhone: '', indication: '', reason: '', attestations: {}, medications: [],
});

const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** The form as the body of POST /referrals, before validation: blanks of optional fields are left out. */
export function toIntakeInput(v: ReferralFormValues): unknown {
  const [system, code] = v.indication ? v.indication.split('|') : [undefined, undefined];
  const hasMrn = v.mrn.trim() !== '' || v.mrnSystem.trim() !== '';
  return {
    patient: {
      name: { given: v.given.trim().split(/\s+/).filter(Boolean), family: v.family },
      birthDate: v.birthDate,
      sex: v.sex || undefined,
      phone: optional(v.phone),
      email: optional(v.email),
      identifiers: hasMrn ? [{ system: v.mrnSystem.trim(), value: v.mrn }] : [],
    },
    referrer: { name: v.referrerName, npi: v.npi.trim(), organization: optional(v.organization), phone: optional(v.referrerPhone) },
    indication: system && code ? { system, code } : undefined,
    reason: v.reason,
    attestations: Object.fromEntries(
      Object.entries(v.attestations).flatMap(([key, answer]) => (answer ? [[key, answer === 'yes']] : [])),
    ),
    medications: v.medications.map((m) => ({ name: optional(m.name), rxnorm: optional(m.rxnorm), dosage: optional(m.dosage) })),
  };
}
