import { z } from 'zod';
import { attestationsSchema } from './attestations';
import { newHomeMedicationSchema } from './home-medication';
import { identifierSchema, type Identifier } from './identifier';
import { ICD10CM, SNOMED, findIndication } from './indications';
import { isValidNpi } from './npi';

const text = (max: number) => z.string().trim().min(1).max(max);


/** FHIR administrative gender (http://hl7.org/fhir/administrative-gender). */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

const birthDateSchema = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'must be between 1900 and today');

export const patientDemographicsSchema = z.strictObject({
  name: z.strictObject({ given: z.array(text(100)).min(1).max(5), family: text(100) }),
  birthDate: birthDateSchema,
  sex: z.enum(SEXES),
  phone: text(50).optional(),
  email: z.email().max(254).optional(),
  identifiers: z
    .array(identifierSchema)
    .max(10)
    .default([])
    .refine((ids) => new Set(ids.map((i) => `${i.system}|${i.value}`)).size === ids.length, 'must not repeat an identifier'),
});
export type PatientDemographics = z.infer<typeof patientDemographicsSchema>;

export const referrerSchema = z.strictObject({
  name: text(200),
  npi: z.string().refine(isValidNpi, 'must be a valid 10-digit NPI'),
  organization: text(200).optional(),
  phone: text(50).optional(),
});
export type Referrer = z.infer<typeof referrerSchema>;

export const indicationSchema = z
  .strictObject({ system: z.enum([SNOMED, ICD10CM]), code: text(20) })
  .refine((i) => findIndication(i.system, i.code) !== undefined, {
    message: 'is not a condition Keta accepts referrals for (see DOMAIN.md §3.3 and §3.4)',
    path: ['code'],
  });

/** What a referrer sends: the patient, who refers, for which coded condition, and why; and any screening answers. */
export const referralIntakeSchema = z.strictObject({
  patient: patientDemographicsSchema,
  referrer: referrerSchema,
  indication: indicationSchema,
  reason: text(4000),
  attestations: attestationsSchema.default({}),
  /** What the patient takes now, as the referrer knows it: screened for interactions with the rest. */
  medications: z.array(newHomeMedicationSchema).max(50).default([]),
  /** The referrer's own number for the referral (BSeR's placer identifier), for them to find it by. */
  placerIdentifier: identifierSchema.optional(),
});
export type ReferralIntake = z.infer<typeof referralIntakeSchema>;

/** A referral's place in its workflow; the Task sent to EHRs carries it (BSeR, DOMAIN.md §2.1). */
export const REFERRAL_STATUSES = ['received', 'needs-information', 'accepted', 'declined', 'cancelled', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Where an accepted referral's treatment stands: its series is booked, or its first infusion is done. */
export type TreatmentStage = 'scheduled' | 'in-treatment';

/** What the referrer follows: the status, with an accepted referral's treatment in place of "accepted". */
export const REFERRAL_STAGES = ['received', 'needs-information', 'accepted', 'scheduled', 'in-treatment', 'completed', 'declined', 'cancelled'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

export function referralStage(status: ReferralStatus, treatment?: TreatmentStage): ReferralStage {
  return status === 'accepted' && treatment ? treatment : status;
}

/** A score the closing summary reports: before the series, and at its end (null where none was taken). */
export interface ClosingScore {
  measure: 'phq9' | 'gad7' | 'pain';
  baseline: number | null;
  final: number | null;
}

/** What the clinic tells the referrer when it closes the loop: the series done and what it did to the scores. */
export interface ClosingSummary {
  closedAt: string;
  note: string | null;
  series: { id: string; kind: 'mood' | 'pain'; protocol: string; infusionsCompleted: number; firstInfusionOn: string; lastInfusionOn: string };
  scores: ClosingScore[];
}

/** A patient as Keta keeps it. */
export interface PatientRecord {
  id: string;
  demographics: PatientDemographics;
}

/** A referral as Keta keeps it; `taskId` is the id of the Task that carries its workflow status. */
export interface ReferralRecord {
  id: string;
  taskId: string;
  patientId: string;
  status: ReferralStatus;
  indication: { system: string; code: string };
  reason: string;
  referrer: Referrer;
  createdAt: string;
  /** Why it was declined, or what information it needs (the Task's statusReason). */
  statusReason?: string;
  placerIdentifier?: Identifier;
  /** Once accepted: whether its series is booked or under way. */
  treatment?: TreatmentStage;
  /** Once completed: what the clinic reported back. */
  closingSummary?: ClosingSummary;
}

/** How the front desk reaches a patient: a change of phone or email (null clears it). */
export const patientContactChangeSchema = z
  .strictObject({ phone: text(50).nullable().optional(), email: z.email().max(254).nullable().optional() })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type PatientContactChange = z.infer<typeof patientContactChangeSchema>;
