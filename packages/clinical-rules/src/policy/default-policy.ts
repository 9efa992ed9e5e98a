import { clinicDefault, domainRef, seed, type Source } from '../findings/source';
import type { ClinicPolicy } from './clinic-policy';
import type { Policy } from './policy';

/**
 * The documented default: the most cautious reading of the five seed pages and DOMAIN.md. Each preset
 * starts from it and changes what its page says.
 */
export const DEFAULT_RULES: ClinicPolicy = {
  treats: ['depression', 'bipolar-depression', 'ptsd', 'anxiety', 'ocd', 'chronic-pain'],
  candidacy: { requiresFailedStandardTreatment: true, requiresMentalHealthProvider: true, activeSubstanceUse: 'ineligible' },
  referral: {
    mentalHealthLetter: true,
    ongoingMentalHealthTreatment: true,
    painManagementReferral: 'review',
    mentalHealthEvaluationWhenUntreated: true,
    consultationBeforeTreatment: true,
  },
  medications: {
    maoi: { instruction: 'hold-evening-before-and-day-of', ifTaken: 'warn' },
    benzodiazepine: { instruction: 'hold-evening-before-and-day-of', ifTaken: 'warn' },
    lamotrigine: { instruction: 'prescriber-consult', ifTaken: 'warn' },
  },
  series: {
    moodCondensed: { infusions: 6, perWeek: { min: 2, max: 3 }, weeks: { min: 2, max: 3 }, minDaysBetween: 2, infusionMinutes: 40, visitMinutes: { min: 75, max: 90 } },
    moodExtended: { infusions: 6, perWeek: { min: 1, max: 2 }, weeks: { min: 3, max: 6 }, minDaysBetween: 3, infusionMinutes: 40, visitMinutes: { min: 75, max: 90 } },
    pain: {
      protocols: [
        { name: '5-day', infusions: 5, consecutive: true, minDaysBetween: 1 },
        { name: '10-day', infusions: 10, consecutive: true, minDaysBetween: 1 },
      ],
      weekdaysOnly: true,
      infusionMinutes: { min: 180, max: 240 },
      visitMinutes: 300,
    },
    boosterIntervalDays: { min: 30, max: 365 },
  },
  dayOf: {
    fastingFoodHours: 6,
    fastingLiquidHours: 2,
    waterAllowed: false,
    driverRequired: true,
    holdBloodPressure: { systolic: 180, diastolic: 100 },
    reviewBloodPressure: { systolic: 160, diastolic: 90 },
    eveningStartsAtHour: 18,
  },
  monitoring: {
    pauseBloodPressure: { systolic: 180, diastolic: 110 },
    heartRate: { min: 50, max: 120 },
    minSpo2: 92,
    respiratoryRate: { min: 10, max: 24 },
    moodDoseMgPerKg: { min: 0.1, max: 0.75 },
    painDoseMgPerKgPerHour: { min: 0.1, max: 0.5 },
  },
  discharge: { minRecoveryMinutes: 30, vitalsWithinPercentOfBaseline: 20, noDrivingHours: 24, responsibleAdultRequired: true },
  services: { kapSessions: false },
  outcomes: { expectResponseByDay: { mood: 3, pain: 4 } },
};

/** Typed as sources (not `as const`): its declaration then names Source, never the package's own index. */
export const DEFAULT_SOURCES: Readonly<Record<string, Source>> = {
  'candidacy.requiresFailedStandardTreatment': seed('001', '13. Who is a good candidate'),
  'candidacy.requiresMentalHealthProvider': seed('003', 'What medical conditions could keep me from receiving ketamine?'),
  'candidacy.activeSubstanceUse': seed('003', 'What medical conditions could keep me from receiving ketamine?'),
  'referral.mentalHealthLetter': seed('003', 'Do I need a referral to begin therapy?'),
  'referral.ongoingMentalHealthTreatment': seed('003', 'Do I need a referral to begin therapy?'),
  'referral.painManagementReferral': seed('003', 'Do I need a referral to begin therapy?'),
  'referral.mentalHealthEvaluationWhenUntreated': seed('003', 'Do I need a referral to begin therapy?'),
  'referral.consultationBeforeTreatment': seed('001', '14. How do I get started'),
  'medications.maoi': seed('002', 'Q3: Do I need to stop any of my medications?'),
  'medications.benzodiazepine': seed('002', 'Q3: Do I need to stop any of my medications?'),
  'medications.lamotrigine': seed('003', 'Do I need to stop taking any of my current medications'),
  'series.moodCondensed': seed('003', 'Will ketamine therapy help my treatment resistant depression?'),
  'series.moodExtended': seed('004', 'How many ketamine infusions will I need?'),
  'series.pain.protocols': seed('003', 'How many ketamine infusions will I receive for chronic pain?'),
  'series.pain.weekdaysOnly': seed('003', 'How many ketamine infusions will I receive for chronic pain?'),
  'series.pain.infusionMinutes': seed('000', 'How long does a ketamine infusion take?'),
  'series.pain.visitMinutes': seed('000', 'How long does a ketamine infusion take?'),
  'series.boosterIntervalDays': seed('000', 'How long does it take for the ketamine infusion to work?'),
  'dayOf.fastingFoodHours': seed('001', '12. What should I do to prepare'),
  'dayOf.fastingLiquidHours': seed('001', '12. What should I do to prepare'),
  'dayOf.driverRequired': seed('000', 'What happens after the ketamine infusion?'),
  'dayOf.holdBloodPressure': domainRef('§4.4 (label: baseline >180/100 at rest)'),
  'dayOf.reviewBloodPressure': domainRef('§4.4 (suggested default: 160-179 / 90-99 for review)'),
  'dayOf.eveningStartsAtHour': clinicDefault('"the night before" starts at 18:00 clinic time'),
  'monitoring.pauseBloodPressure': domainRef('§4.4 (pause if >180/110 on repeat measurement)'),
  'monitoring.moodDoseMgPerKg': domainRef('§4.2 (reported range 0.1-0.75 mg/kg)'),
  'monitoring.painDoseMgPerKgPerHour': domainRef('§4.2 (CRPS 0.35 mg/kg/h; bounds clinic-set)'),
  'discharge.minRecoveryMinutes': seed('002', 'Q6: How long is the ketamine infusion and recovery?'),
  'discharge.noDrivingHours': seed('004', 'Can I drive after receiving a ketamine infusion?'),
  'discharge.responsibleAdultRequired': seed('000', 'What happens after the ketamine infusion?'),
  'services.kapSessions': clinicDefault('only seed 004 offers ketamine-assisted psychotherapy'),
  'outcomes.expectResponseByDay': seed('003', 'If ketamine therapy works for me how soon will I begin to feel better?'),
};

export const DEFAULT_POLICY: Policy = { name: 'default', rules: DEFAULT_RULES, sources: DEFAULT_SOURCES };
