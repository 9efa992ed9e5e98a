import { z } from 'zod';

/** The condition groups of @keta/domain's indications; a clinic treats some of them. */
export const INDICATION_GROUPS = [
  'depression', 'bipolar-depression', 'ptsd', 'anxiety', 'ocd', 'chronic-pain', 'alcohol-use-disorder',
] as const;

const hours = z.number().min(0).max(48);
const minutes = z.number().int().min(1).max(24 * 60);
const range = (schema: z.ZodNumber) =>
  z.strictObject({ min: schema, max: schema }).refine((r) => r.min <= r.max, 'min must not exceed max');

/** What the clinic tells a patient about a drug class before an infusion, and what taking it anyway means. */
export const medicationRuleSchema = z.strictObject({
  instruction: z.enum(['hold-evening-before-and-day-of', 'hold-day-of', 'prescriber-consult', 'tell-provider', 'continue']),
  /** Taking it inside the hold window: block the infusion, warn the clinician, or nothing. */
  ifTaken: z.enum(['block', 'warn', 'none']),
});
export type MedicationRule = z.infer<typeof medicationRuleSchema>;

const moodSeriesSchema = z.strictObject({
  infusions: z.number().int().min(1).max(20),
  perWeek: range(z.number().int().min(1).max(7)),
  weeks: range(z.number().int().min(1).max(26)),
  /** Fewest calendar days between two infusions (2 gives Mon/Wed/Fri). */
  minDaysBetween: z.number().int().min(1).max(14),
  infusionMinutes: minutes,
  visitMinutes: range(minutes),
});

const painProtocolSchema = z.strictObject({
  name: z.string().min(1).max(40),
  infusions: z.number().int().min(1).max(20),
  /** On consecutive open days (a 5-day protocol), or spaced by minDaysBetween. */
  consecutive: z.boolean(),
  minDaysBetween: z.number().int().min(1).max(14),
});

export const clinicPolicySchema = z.strictObject({
  treats: z.array(z.enum(INDICATION_GROUPS)).min(1),
  candidacy: z.strictObject({
    /** Only patients who have not responded to standard treatments are candidates (seeds 001, 004). */
    requiresFailedStandardTreatment: z.boolean(),
    /** A mood patient must have a diagnosis and see a mental-health provider (seed 003). */
    requiresMentalHealthProvider: z.boolean(),
    /** Active substance use: an exclusion (seed 003), or for review where the clinic treats AUD (seed 004). */
    activeSubstanceUse: z.enum(['ineligible', 'review']),
  }),
  referral: z.strictObject({
    mentalHealthLetter: z.boolean(),
    ongoingMentalHealthTreatment: z.boolean(),
    painManagementReferral: z.enum(['required', 'review', 'not-required']),
    mentalHealthEvaluationWhenUntreated: z.boolean(),
    consultationBeforeTreatment: z.boolean(),
  }),
  medications: z.strictObject({
    maoi: medicationRuleSchema,
    benzodiazepine: medicationRuleSchema,
    lamotrigine: medicationRuleSchema,
  }),
  series: z.strictObject({
    moodCondensed: moodSeriesSchema,
    moodExtended: moodSeriesSchema.nullable(),
    pain: z.strictObject({
      protocols: z.array(painProtocolSchema).min(1),
      weekdaysOnly: z.boolean(),
      infusionMinutes: range(minutes),
      visitMinutes: minutes,
    }),
    boosterIntervalDays: range(z.number().int().min(1).max(730)),
  }),
  dayOf: z.strictObject({
    fastingFoodHours: hours,
    /** null: liquids other than water have no separate window. */
    fastingLiquidHours: hours.nullable(),
    waterAllowed: z.boolean(),
    driverRequired: z.boolean(),
    /** At or above: no infusion today. */
    holdBloodPressure: z.strictObject({ systolic: z.number().int().min(80).max(260), diastolic: z.number().int().min(40).max(160) }),
    /** At or above (and under hold): a clinician reviews before starting. */
    reviewBloodPressure: z.strictObject({ systolic: z.number().int().min(80).max(260), diastolic: z.number().int().min(40).max(160) }),
    /** Hour (clinic time) from which "the evening before" counts. */
    eveningStartsAtHour: z.number().int().min(12).max(23),
  }),
  monitoring: z.strictObject({
    pauseBloodPressure: z.strictObject({ systolic: z.number().int().min(80).max(260), diastolic: z.number().int().min(40).max(160) }),
    heartRate: range(z.number().int().min(20).max(250)),
    minSpo2: z.number().min(70).max(100),
    respiratoryRate: range(z.number().int().min(4).max(60)),
    moodDoseMgPerKg: range(z.number().min(0.01).max(5)),
    painDoseMgPerKgPerHour: range(z.number().min(0.01).max(5)),
  }),
  discharge: z.strictObject({
    minRecoveryMinutes: z.number().int().min(0).max(240),
    /** Vitals count as back to baseline within this many percent. */
    vitalsWithinPercentOfBaseline: z.number().min(0).max(100),
    noDrivingHours: z.number().int().min(0).max(72),
    responsibleAdultRequired: z.boolean(),
  }),
  services: z.strictObject({
    /** Ketamine-assisted psychotherapy sessions (50 min) beside the infusions (seed 004). */
    kapSessions: z.boolean(),
  }),
  outcomes: z.strictObject({
    /** By which treatment day a response is expected (seed 003: pain by the 3rd or 4th day, mood in 2-3 days). */
    expectResponseByDay: z.strictObject({ mood: z.number().int().min(1).max(60), pain: z.number().int().min(1).max(60) }),
  }),
});

export type ClinicPolicy = z.infer<typeof clinicPolicySchema>;
export type IndicationGroupName = (typeof INDICATION_GROUPS)[number];
