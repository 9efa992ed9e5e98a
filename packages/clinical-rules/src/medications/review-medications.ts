import { z } from 'zod';
import { RXNORM } from '../codes/coded-concept';
import { MEDICATION_CONCEPTS, type InteractingClass } from '../codes/medication-codes';
import { matchConcept, type ConceptMatch } from '../codes/match-concept';
import type { Finding, Severity } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { MedicationRule } from '../policy/clinic-policy';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { patientInstruction } from './patient-instruction';

export const medicationSchema = z
  .strictObject({ rxnorm: z.string().regex(/^\d{1,10}$/, 'must be an RxNorm code (digits)').optional(), name: z.string().trim().min(1).max(300).optional() })
  .refine((m) => m.rxnorm || m.name, 'needs an RxNorm code or a name');
export type Medication = z.input<typeof medicationSchema>;

export interface MedicationReview {
  medication: Medication;
  drugClass: InteractingClass | null;
  matchedBy: ConceptMatch['by'] | null;
  rule: MedicationRule | null;
  /** Taking it anyway: blocks the infusion, warns, or nothing. */
  ifTaken: MedicationRule['ifTaken'];
  patientInstruction: string | null;
  finding: Finding | null;
}

const CLASS_LABEL: Record<InteractingClass, string> = { maoi: 'an MAOI', benzodiazepine: 'a benzodiazepine', lamotrigine: 'lamotrigine' };
const WHY: Record<InteractingClass, string> = {
  maoi: 'MAOIs can raise blood pressure with ketamine',
  benzodiazepine: 'benzodiazepines may blunt the effect of ketamine',
  lamotrigine: 'lamotrigine may reduce the effect of ketamine',
};
const CLINICIAN_ACTION: Record<MedicationRule['instruction'], string> = {
  'hold-evening-before-and-day-of': 'hold it the evening before and the day of the infusion',
  'hold-day-of': 'hold it on the day of the infusion',
  'prescriber-consult': 'consult the prescriber about adjusting it during the series',
  'tell-provider': 'make sure the ketamine provider knows',
  continue: 'continue it',
};
const SEVERITY: Record<MedicationRule['ifTaken'], Severity> = { block: 'block', warn: 'warn', none: 'info' };
/** Instructions that hold the medication for a window before the infusion: the day-of checklist gates those. */
export const HOLD_INSTRUCTIONS: ReadonlySet<MedicationRule['instruction']> = new Set(['hold-evening-before-and-day-of', 'hold-day-of']);

/**
 * Taking a medication the policy blocks on stops treatment outright, unless the policy has it held: then the
 * patient can hold it, the referral is not blocked, and the day-of checklist blocks the infusion it was taken
 * before.
 */
function referralSeverity(rule: MedicationRule): Severity {
  return rule.ifTaken === 'block' && HOLD_INSTRUCTIONS.has(rule.instruction) ? 'warn' : SEVERITY[rule.ifTaken];
}
const DAY_OF_GATE = ' Taken inside that window, it stops the infusion.';
const CLASSES = Object.keys(MEDICATION_CONCEPTS) as InteractingClass[];

/** Classifies one medication by RxNorm code (clinical drug or ingredient), then by generic or brand name. */
export function classifyMedication(medication: Medication): { drugClass: InteractingClass; match: ConceptMatch } | undefined {
  const item = { system: RXNORM, code: medication.rxnorm, name: medication.name };
  for (const drugClass of CLASSES) {
    const match = matchConcept(MEDICATION_CONCEPTS[drugClass], item);
    if (match) return { drugClass, match };
  }
  return undefined;
}

/** The clinic's instruction for each of a patient's medications (one result per medication, in order). */
export function reviewMedications(medications: readonly Medication[], policy: Policy): MedicationReview[] {
  const parsed = parseInput(z.array(medicationSchema), medications, 'medications');
  return parsed.map((medication) => review(medication, policy));
}

function review(medication: Medication, policy: Policy): MedicationReview {
  const classified = classifyMedication(medication);
  if (!classified) return { medication, drugClass: null, matchedBy: null, rule: null, ifTaken: 'none', patientInstruction: null, finding: null };
  const { drugClass, match } = classified;
  const rule = policy.rules.medications[drugClass];
  const name = medication.name ?? `medication (RxNorm ${medication.rxnorm})`;
  const flag = match.unverifiedCode ? ' Matched on an RxNorm code DOMAIN.md marks unverified: check it.' : '';
  const finding: Finding = {
    code: `medication.${drugClass}`,
    severity: referralSeverity(rule),
    message: `${name} is ${CLASS_LABEL[drugClass]} (${WHY[drugClass]}): ${CLINICIAN_ACTION[rule.instruction]}.${referralSeverity(rule) === SEVERITY[rule.ifTaken] ? '' : DAY_OF_GATE}${flag}`,
    source: sourceOf(policy, `medications.${drugClass}`),
  };
  return { medication, drugClass, matchedBy: match.by, rule, ifTaken: rule.ifTaken, patientInstruction: patientInstruction(name, drugClass, rule), finding };
}
