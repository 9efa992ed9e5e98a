import type { HomeMedicationRecord } from '@keta/domain';

/** What the clinic's policy says of one medication, when the patient takes it (active or on hold). */
export interface MedicationAdvice {
  /** The interacting class it belongs to (maoi, benzodiazepine, lamotrigine), or null. */
  drugClass: string | null;
  /** Taking it anyway on the day: blocks the infusion, warns, or nothing. */
  ifTaken: 'block' | 'warn' | 'none';
  /** What to tell the patient (hold it the evening before and the day of, ...). */
  patientInstruction: string | null;
  finding: { code: string; severity: string; message: string } | null;
}

export interface MedicationView extends Omit<HomeMedicationRecord, 'patientId' | 'identifiers'> {
  version: number;
  /** Null for a stopped medication, or until an admin has set the clinic's policy. */
  advice: MedicationAdvice | null;
}

/** A patient's medications, newest first, with the hold instructions for those that interact. */
export interface MedicationList {
  patientId: string;
  medications: MedicationView[];
  holdInstructions: string[];
}
