import { POLICY_PRESETS, type PolicyPreset } from '@keta/domain';
import { clinicDefault, domainRef, seed, type Source } from '../findings/source';
import type { ClinicPolicy } from './clinic-policy';
import { DEFAULT_POLICY, DEFAULT_RULES, DEFAULT_SOURCES } from './default-policy';
import type { Policy } from './policy';

type Patch = { [K in keyof ClinicPolicy]?: Partial<ClinicPolicy[K]> };

function preset(name: PolicyPreset, patch: Patch, sources: Record<string, Source>): Policy {
  const rules = { ...DEFAULT_RULES } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const base = DEFAULT_RULES[key as keyof ClinicPolicy];
    rules[key] = Array.isArray(value) || typeof base !== 'object' || Array.isArray(base) ? value : { ...base, ...value };
  }
  return { name, rules: rules as ClinicPolicy, sources: { ...DEFAULT_SOURCES, ...sources } };
}

const MOOD_40_MIN = { infusionMinutes: 40, visitMinutes: { min: 75, max: 90 } };

/** Alleviation Ketamine (seed 000): mood and pain, monthly-to-yearly returns, a designated driver. */
const SEED_000 = preset('seed-000', {
  treats: ['depression', 'ptsd', 'chronic-pain', 'alcohol-use-disorder'],
  candidacy: { ...DEFAULT_RULES.candidacy, activeSubstanceUse: 'review' },
}, {
  treats: seed('000', 'What is ketamine and how does it work? (depression, PTSD, addiction and chronic pain)'),
  'candidacy.activeSubstanceUse': seed('000', 'What is ketamine and how does it work? (treats addiction)'),
  'series.moodCondensed.infusionMinutes': seed('000', 'How long does a ketamine infusion take?'),
});

/** Seed 001: mental health only; six infusions over 2-3 weeks; fast 4-6 h, liquids 2 h; consultation first. */
const SEED_001 = preset('seed-001', {
  treats: ['depression', 'anxiety', 'ptsd', 'bipolar-depression', 'ocd'],
  medications: {
    maoi: { instruction: 'tell-provider', ifTaken: 'warn' },
    benzodiazepine: { instruction: 'tell-provider', ifTaken: 'warn' },
    lamotrigine: { instruction: 'tell-provider', ifTaken: 'warn' },
  },
  series: { ...DEFAULT_RULES.series, moodCondensed: { infusions: 6, perWeek: { min: 2, max: 3 }, weeks: { min: 2, max: 3 }, minDaysBetween: 2, ...MOOD_40_MIN }, moodExtended: null },
  dayOf: { ...DEFAULT_RULES.dayOf, fastingFoodHours: 4, fastingLiquidHours: 2 },
}, {
  treats: seed('001', '2. What mental health conditions can be treated with ketamine?'),
  'medications.maoi': seed('001', '9. Will I need to stop my current medications'),
  'medications.benzodiazepine': seed('001', '9. Will I need to stop my current medications'),
  'medications.lamotrigine': seed('001', '9. Will I need to stop my current medications'),
  'series.moodCondensed': seed('001', '5. How many ketamine treatments will I need?'),
  'dayOf.fastingFoodHours': seed('001', '12. What should I do to prepare (4-6 h: the 4 h minimum)'),
});

/** Seed 002: chronic pain; hold MAOIs, benzodiazepines and lamotrigine the night before and the day of; series of 3. */
const SEED_002 = preset('seed-002', {
  treats: ['chronic-pain'],
  medications: {
    maoi: { instruction: 'hold-evening-before-and-day-of', ifTaken: 'warn' },
    benzodiazepine: { instruction: 'hold-evening-before-and-day-of', ifTaken: 'warn' },
    lamotrigine: { instruction: 'hold-evening-before-and-day-of', ifTaken: 'warn' },
  },
  series: {
    ...DEFAULT_RULES.series,
    pain: { protocols: [{ name: 'series-of-3', infusions: 3, consecutive: false, minDaysBetween: 1 }], weekdaysOnly: true, infusionMinutes: { min: 60, max: 90 }, visitMinutes: 120 },
  },
  discharge: { ...DEFAULT_RULES.discharge, minRecoveryMinutes: 20 },
}, {
  treats: seed('002', 'Q1: What is ketamine?'),
  'medications.lamotrigine': seed('002', 'Q3: Do I need to stop any of my medications?'),
  'series.pain.protocols': seed('002', 'Q7: How long the results will last? (a series of 3)'),
  'series.pain.visitMinutes': seed('002', 'Q5: How am I going to feel after the infusion? (up to 2 h)'),
  'series.pain.infusionMinutes': clinicDefault('a visit of up to 2 h less 20-30 min recovery (seed 002 Q5, Q6)'),
  'series.pain.weekdaysOnly': clinicDefault('seed 002 gives no days'),
});

/** Infusion Therapeutix (seed 003): referral letter, the exclusion list, Lamictal consult, Mon-Fri pain protocols. */
const SEED_003 = preset('seed-003', {
  treats: ['depression', 'anxiety', 'ptsd', 'chronic-pain'],
  referral: { ...DEFAULT_RULES.referral, consultationBeforeTreatment: false },
  medications: {
    maoi: { instruction: 'continue', ifTaken: 'warn' },
    benzodiazepine: { instruction: 'continue', ifTaken: 'none' },
    lamotrigine: { instruction: 'prescriber-consult', ifTaken: 'warn' },
  },
  series: {
    ...DEFAULT_RULES.series,
    moodCondensed: { infusions: 6, perWeek: { min: 2, max: 3 }, weeks: { min: 2, max: 3 }, minDaysBetween: 2, ...MOOD_40_MIN },
    moodExtended: null,
    pain: {
      ...DEFAULT_RULES.series.pain,
      protocols: [
        { name: '5-day', infusions: 5, consecutive: true, minDaysBetween: 1 },
        { name: '8-day', infusions: 8, consecutive: true, minDaysBetween: 1 },
        { name: '10-day', infusions: 10, consecutive: true, minDaysBetween: 1 },
      ],
    },
  },
}, {
  treats: seed('003', 'Does ketamine work for chronic pain? / ... anxiety? / treatment resistant depression?'),
  'referral.consultationBeforeTreatment': clinicDefault('seed 003 asks for a referral letter, not a consultation'),
  'medications.maoi': domainRef('§4.5 (MAOIs raise BP; seed 003 says continue all but Lamictal)'),
  'medications.benzodiazepine': seed('003', 'Do I need to stop taking any of my current medications'),
  'series.moodCondensed.infusions': domainRef('§4.6 (typical course 4-6 infusions; seed 003 gives 2-3 a week for 2-3 weeks)'),
});

/** Innerbloom (seed 004): treats AUD too; fast 3 h with water; six infusions over 3-6 weeks; no driving for 24 h. */
const SEED_004 = preset('seed-004', {
  treats: ['depression', 'anxiety', 'ptsd', 'alcohol-use-disorder', 'chronic-pain'],
  candidacy: { ...DEFAULT_RULES.candidacy, activeSubstanceUse: 'review' },
  medications: {
    maoi: { instruction: 'continue', ifTaken: 'warn' },
    benzodiazepine: { instruction: 'hold-day-of', ifTaken: 'warn' },
    lamotrigine: { instruction: 'hold-day-of', ifTaken: 'warn' },
  },
  series: {
    ...DEFAULT_RULES.series,
    moodCondensed: { infusions: 6, perWeek: { min: 2, max: 2 }, weeks: { min: 3, max: 3 }, minDaysBetween: 2, infusionMinutes: 40, visitMinutes: { min: 90, max: 90 } },
    moodExtended: { infusions: 6, perWeek: { min: 1, max: 2 }, weeks: { min: 3, max: 6 }, minDaysBetween: 3, infusionMinutes: 40, visitMinutes: { min: 90, max: 90 } },
  },
  dayOf: { ...DEFAULT_RULES.dayOf, fastingFoodHours: 3, fastingLiquidHours: 3, waterAllowed: true },
  services: { kapSessions: true },
}, {
  treats: seed('004', 'Who is a candidate for IV ketamine therapy?'),
  'candidacy.requiresFailedStandardTreatment': seed('004', 'Who is a candidate for IV ketamine therapy?'),
  'candidacy.activeSubstanceUse': seed('004', 'Who is a candidate for IV ketamine therapy? (alcohol use disorder)'),
  'medications.maoi': domainRef('§4.5 (seed 004 says keep the regular regimen)'),
  'medications.benzodiazepine': seed('004', 'Are there any interactions with my medications?'),
  'medications.lamotrigine': seed('004', 'Are there any interactions with my medications?'),
  'series.moodCondensed': seed('004', 'How many ketamine infusions will I need? (two a week for three weeks)'),
  'series.moodExtended': seed('004', 'How many ketamine infusions will I need? (one to two a week over 3-6 weeks)'),
  'series.boosterIntervalDays': seed('004', 'How many ketamine infusions will I need? (monthly to yearly, ~3 months)'),
  'dayOf.fastingFoodHours': seed('004', 'What can I expect for my infusion days?'),
  'dayOf.waterAllowed': seed('004', 'What can I expect for my infusion days?'),
  'services.kapSessions': seed('004', 'How well does ketamine therapy work? (our protocol includes KAP)'),
});

export const PRESETS: Readonly<Record<PolicyPreset | 'default', Policy>> = {
  default: DEFAULT_POLICY,
  'seed-000': SEED_000,
  'seed-001': SEED_001,
  'seed-002': SEED_002,
  'seed-003': SEED_003,
  'seed-004': SEED_004,
};

export const PRESET_NAMES = ['default', ...POLICY_PRESETS] as const;
