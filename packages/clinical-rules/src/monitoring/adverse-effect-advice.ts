import { z } from 'zod';
import { sortFindings, type Finding, type Severity } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import { clinicDefault, seed, type Source } from '../findings/source';
import { ADVERSE_EFFECTS, type AdverseEffect } from './adverse-effect';

interface Advice {
  code: string;
  severity: Severity;
  /** The advice, given the effects it answers (named in the canonical order). */
  message: (effects: string) => string;
  source: Source;
}

const SIDE_EFFECTS_000 = seed('000', 'Are there side effects from ketamine infusion therapy?');

const LOWER_DOSE_OR_RATE: Advice = {
  code: 'monitoring.lower-dose-or-rate',
  severity: 'review',
  message: (effects) => `${effects}: if unwanted or unpleasant, the clinician may lower the dose or slow the infusion rate, and stays close by.`,
  source: seed('002', 'Q4: How am I going to feel during the infusion?'),
};

/** Several effects share one piece of advice, so the patient gets it once. */
const ADVICE: Readonly<Record<AdverseEffect, Advice>> = {
  nausea: { code: 'monitoring.nausea', severity: 'info', message: () => 'Nausea is common and usually passes soon after the infusion: keep monitoring and note it in the record.', source: SIDE_EFFECTS_000 },
  vomiting: {
    code: 'monitoring.vomiting',
    severity: 'review',
    message: () => 'Vomiting: a clinician assesses the patient now and decides whether to slow or stop the infusion.',
    source: clinicDefault('vomiting is not named by the seed pages; seeds 000 and 001 name nausea'),
  },
  dizziness: { code: 'monitoring.dizziness', severity: 'info', message: () => 'Dizziness is common and usually resolves soon after the infusion: help the patient when they stand up.', source: seed('001', '7. Are there any side effects?') },
  'distressing-dissociation': LOWER_DOSE_OR_RATE,
  hallucinations: LOWER_DOSE_OR_RATE,
  'unwanted-sensations': LOWER_DOSE_OR_RATE,
  'elevated-blood-pressure': { code: 'monitoring.check-blood-pressure', severity: 'warn', message: () => 'Elevated blood pressure: measure it now and apply the clinic\'s pause line (pause when the repeat is also at or above it).', source: SIDE_EFFECTS_000 },
  'increased-heart-rate': { code: 'monitoring.check-heart-rate', severity: 'warn', message: () => 'Increased heart rate: measure it now against the clinic\'s heart-rate range.', source: seed('004', 'What are the potential side effects of ketamine infusion therapy?') },
};

/** How the advice names an effect (the list is capitalised as a sentence start). */
const LABEL: Readonly<Record<AdverseEffect, string>> = {
  nausea: 'nausea',
  vomiting: 'vomiting',
  dizziness: 'dizziness',
  'distressing-dissociation': 'distressing dissociation',
  hallucinations: 'hallucinations',
  'unwanted-sensations': 'unwanted sensations',
  'elevated-blood-pressure': 'elevated blood pressure',
  'increased-heart-rate': 'increased heart rate',
};

const sentence = (effects: readonly AdverseEffect[]) => {
  const list = effects.map((e) => LABEL[e]).join(', ');
  return list.charAt(0).toUpperCase() + list.slice(1);
};

const effectsSchema = z.strictObject({ effects: z.array(z.enum(ADVERSE_EFFECTS)) });

/** Advice for the effects reported, one finding per piece of advice; duplicates and order do not matter. */
export function adverseEffectAdvice(effects: readonly AdverseEffect[]): Finding[] {
  const reported = new Set(parseInput(effectsSchema, { effects }).effects);
  const byAdvice = new Map<Advice, AdverseEffect[]>();
  for (const effect of ADVERSE_EFFECTS.filter((e) => reported.has(e))) {
    byAdvice.set(ADVICE[effect], [...(byAdvice.get(ADVICE[effect]) ?? []), effect]);
  }
  return sortFindings([...byAdvice].map(([advice, answered]) => ({
    code: advice.code,
    severity: advice.severity,
    message: advice.message(sentence(answered)),
    source: advice.source,
  })));
}
