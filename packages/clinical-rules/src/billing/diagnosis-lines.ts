import { ICD10CM, findIndication, type Coding } from '@keta/domain';
import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { domainRef } from '../findings/source';
import type { DiagnosisLine } from './billing-line';

const codingsSchema = z
  .array(z.strictObject({ system: z.string().min(1).max(500), code: z.string().min(1).max(40), display: z.string().max(500).optional() }))
  .max(1000);

/**
 * The diagnoses a superbill names: the ICD-10-CM codes among those given (the referral's indication, the
 * patient's active conditions) that are conditions the clinic treats (DOMAIN.md §3.4), each once, in the
 * order given. Other conditions (hypertension, say) and other code systems are left out: a superbill names
 * what the infusions treat, and SNOMED CT is not what insurers read.
 */
export function diagnosisLines(codings: readonly Coding[]): DiagnosisLine[] {
  const seen = new Set<string>();
  const lines: DiagnosisLine[] = [];
  for (const coding of parseInput(codingsSchema, codings, 'diagnoses')) {
    const indication = coding.system === ICD10CM ? findIndication(ICD10CM, coding.code) : undefined;
    if (!indication || seen.has(indication.code)) continue;
    seen.add(indication.code);
    lines.push({ system: 'ICD-10-CM', code: indication.code, description: indication.display, source: domainRef('§3.4') });
  }
  return lines;
}
