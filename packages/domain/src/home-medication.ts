import { z } from 'zod';
import type { Identifier } from './identifier';

/** Whether the patient takes it: the statuses MedicationStatement and MedicationRequest share. */
export const HOME_MEDICATION_STATUSES = ['active', 'on-hold', 'stopped', 'completed'] as const;
export type HomeMedicationStatus = (typeof HOME_MEDICATION_STATUSES)[number];

/**
 * A medication the patient takes outside the clinic (a "home med"), reported by the patient, a referrer
 * or an EHR: an RxNorm code, a name, or both. The interaction rules read it (DOMAIN.md §4.5).
 */
export interface HomeMedicationRecord {
  id: string;
  patientId: string;
  rxnorm?: string;
  name: string;
  status: HomeMedicationStatus;
  dosage?: string;
  /** The sender's own identifiers, kept so that it finds its records by them (and If-None-Exist can match). */
  identifiers?: Identifier[];
  recordedAt: string;
}

/**
 * How an EHR connection receives home meds: MedicationStatement, or MedicationRequest with
 * reportedBoolean = true for EHRs that follow US Core (DOMAIN.md §2.5).
 */
export const HOME_MEDICATION_FORMATS = ['medication-statement', 'us-core-medication-request'] as const;
export type HomeMedicationFormat = (typeof HOME_MEDICATION_FORMATS)[number];

const rxnorm = z.string().regex(/^\d{1,10}$/, 'must be an RxNorm code (digits)');
const medicationName = z.string().trim().min(1).max(300);
const dosage = z.string().trim().min(1).max(300);

/** A medication the clinic records for a patient: an RxNorm code, a free name, or both. */
export const newHomeMedicationSchema = z
  .strictObject({ rxnorm: rxnorm.optional(), name: medicationName.optional(), dosage: dosage.optional() })
  .refine((m) => m.rxnorm !== undefined || m.name !== undefined, { message: 'needs an RxNorm code or a name', path: ['name'] });
export type NewHomeMedication = z.infer<typeof newHomeMedicationSchema>;

/** A correction of a recorded medication (null clears the code or the dosage); stopping it is its own action. */
export const homeMedicationChangeSchema = z
  .strictObject({ rxnorm: rxnorm.nullable().optional(), name: medicationName.optional(), dosage: dosage.nullable().optional() })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type HomeMedicationChange = z.infer<typeof homeMedicationChangeSchema>;
