import type { InteractingClass } from '../codes/medication-codes';
import type { MedicationRule } from '../policy/clinic-policy';

/** A sentence a patient can follow, for one medication under the clinic's rule. */
export function patientInstruction(name: string, drugClass: InteractingClass, rule: MedicationRule): string {
  const taper = drugClass === 'benzodiazepine' ? ' Do not stop it on other days without your prescriber.' : '';
  switch (rule.instruction) {
    case 'hold-evening-before-and-day-of':
      return `Do not take your ${name} the evening before or on the day of your infusion; take it as usual on other days.${taper}`;
    case 'hold-day-of':
      return `Do not take your ${name} on the day of your infusion; take it as usual on other days.${taper}`;
    case 'prescriber-consult':
      return `Keep taking your ${name}; we will talk with your prescriber about adjusting it during your infusion series.`;
    case 'tell-provider':
      return `Keep taking your ${name}, and make sure your ketamine provider knows you take it.`;
    case 'continue':
      return `Keep taking your ${name} as prescribed.`;
  }
}
