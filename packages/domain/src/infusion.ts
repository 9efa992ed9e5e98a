import { z } from 'zod';

/** An infusion session in the chair (DOMAIN.md §2.4); arrived: checked in, not yet infusing. */
export const INFUSION_ENCOUNTER_STATUSES = ['planned', 'arrived', 'in-progress', 'finished', 'cancelled'] as const;
export type InfusionEncounterStatus = (typeof INFUSION_ENCOUNTER_STATUSES)[number];

export interface InfusionEncounterRecord {
  id: string;
  patientId: string;
  /** The referral the series of infusions answers. */
  referralId?: string;
  status: InfusionEncounterStatus;
  start: string;
  end?: string;
}

/** The ketamine injectable solutions the clinic infuses, by concentration in mg/mL (DOMAIN.md §3.2). */
export const KETAMINE_CONCENTRATIONS = [10, 50, 100] as const;
export type KetamineConcentration = (typeof KETAMINE_CONCENTRATIONS)[number];

/** stopped: halted for blood pressure or dissociation; not-done: the pre-check failed (DOMAIN.md §2.5). */
export const INFUSION_ADMINISTRATION_STATUSES = ['in-progress', 'completed', 'stopped', 'not-done'] as const;
export type InfusionAdministrationStatus = (typeof INFUSION_ADMINISTRATION_STATUSES)[number];

/** The ketamine given in one infusion encounter; for not-done, the dose that was planned. */
export interface InfusionAdministrationRecord {
  id: string;
  patientId: string;
  encounterId: string;
  status: InfusionAdministrationStatus;
  concentrationMgPerMl: KetamineConcentration;
  doseMg: number;
  rateMgPerHour?: number;
  start: string;
  end?: string;
  /** The vial's lot, which the Spravato REMS form also asks for. */
  lotNumber?: string;
  /** Why the infusion was stopped or not given, in the clinician's words. */
  statusReason?: string;
  /** The body-weight measurement the dose was computed from. */
  weightMeasurementId?: string;
}

/**
 * The effects a clinician reports during or after an infusion; the same list as clinical-rules'
 * monitoring/adverse-effect.ts, which cannot be imported here (domain sits below clinical-rules).
 */
export const ADVERSE_EFFECTS = [
  'nausea',
  'vomiting',
  'dizziness',
  'distressing-dissociation',
  'hallucinations',
  'unwanted-sensations',
  'elevated-blood-pressure',
  'increased-heart-rate',
] as const;
export type AdverseEffect = (typeof ADVERSE_EFFECTS)[number];

export interface AdverseEffectRecord {
  id: string;
  patientId: string;
  encounterId: string;
  /** The administration the effect is attributed to, when it is known. */
  administrationId?: string;
  effect: AdverseEffect;
  occurredAt: string;
  /** The clinician judged it serious (death, life threat, hospitalisation, disability or intervention). */
  serious: boolean;
}

const instant = z.iso.datetime({ offset: true, error: 'must be an instant such as 2026-06-01T13:00:00Z' });
const reason = z.string().trim().min(1).max(500);
/** The 0-10 numeric pain rating (LOINC 72514-3). */
const painScore = z.number().int().min(0).max(10);

/** Vital signs as a nurse takes them: BP in mmHg, rates per minute, SpO2 in %; wide ranges catch typos only. */
const vitalSigns = {
  systolic: z.number().int().min(40).max(300),
  diastolic: z.number().int().min(20).max(200),
  heartRate: z.number().int().min(0).max(300),
  spo2: z.number().min(1).max(100).optional(),
  respiratoryRate: z.number().int().min(0).max(80).optional(),
};
/** Blood pressure and heart rate are always taken at check-in and discharge: discharge compares them. */
export const vitalsSchema = z.strictObject(vitalSigns);
export type Vitals = z.infer<typeof vitalsSchema>;

/**
 * The day-of checklist at check-in: vitals, fasting, driver, pregnancy, and when the patient last took each
 * of their current medications the policy holds. A no-go checks in only with a clinician's override and reason.
 */
export const checkInSchema = z.strictObject({
  vitals: vitalsSchema,
  painScore: painScore.optional(),
  lastFoodAt: instant.optional(),
  lastLiquidAt: instant.optional(),
  lastWaterAt: instant.optional(),
  driverConfirmed: z.boolean().optional(),
  pregnancy: z.enum(['pregnant', 'not-pregnant', 'not-applicable']).optional(),
  medicationDoses: z.array(z.strictObject({ medicationId: z.uuid(), lastDoseAt: instant })).max(50).default([]),
  override: z.strictObject({ reason: z.string().trim().min(1).max(1000) }).optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

/** The prescribed dose, computed and checked against the clinic's range (mood: mg/kg; pain: mg/kg/h). */
export const infusionStartSchema = z.strictObject({
  concentrationMgPerMl: z.union([z.literal(10), z.literal(50), z.literal(100)]),
  weightKg: z.number().min(1).max(400),
  dose: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('mood'), mgPerKg: z.number().positive().max(10), minutes: z.number().int().min(1).max(600) }),
    z.strictObject({ kind: z.literal('pain'), mgPerKgPerHour: z.number().positive().max(10), minutes: z.number().int().min(1).max(600) }),
  ]),
  lotNumber: z.string().trim().min(1).max(40).optional(),
});
export type InfusionStart = z.infer<typeof infusionStartSchema>;

export const rateChangeSchema = z.strictObject({ rateMgPerHour: z.number().min(0.01).max(1000), reason });
export type RateChangeInput = z.infer<typeof rateChangeSchema>;

/** A checked-in patient who is not infused after all (sent home at the chair), and why. */
export const notInfusedSchema = z.strictObject({ reason });
export type NotInfused = z.infer<typeof notInfusedSchema>;

/** The infusion ends as planned, or is stopped early (blood pressure, dissociation...) with the reason. */
export const infusionEndSchema = z.strictObject({ stoppedEarly: z.strictObject({ reason }).optional() });
export type InfusionEnd = z.infer<typeof infusionEndSchema>;

/** A reading during monitoring; a repeat BP a few minutes later confirms a high one (the alert rules ask for it). */
export const vitalsReadingSchema = z
  .strictObject({
    ...vitalSigns,
    systolic: vitalSigns.systolic.optional(),
    diastolic: vitalSigns.diastolic.optional(),
    heartRate: vitalSigns.heartRate.optional(),
    repeatedSystolic: vitalSigns.systolic.optional(),
    repeatedDiastolic: vitalSigns.diastolic.optional(),
    takenAt: instant.optional(),
  })
  .refine((r) => (r.systolic === undefined) === (r.diastolic === undefined), { message: 'systolic and diastolic go together', path: ['diastolic'] })
  .refine((r) => r.systolic !== undefined || r.heartRate !== undefined || r.spo2 !== undefined || r.respiratoryRate !== undefined, { message: 'must hold at least one vital sign', path: ['systolic'] });
export type VitalsReading = z.infer<typeof vitalsReadingSchema>;

export const adverseEffectInputSchema = z.strictObject({
  effect: z.enum(ADVERSE_EFFECTS),
  serious: z.boolean(),
  occurredAt: instant.refine((at) => Date.parse(at) <= Date.now() + 60_000, 'is in the future').optional(),
});
export type AdverseEffectInput = z.infer<typeof adverseEffectInputSchema>;

export const dischargeSchema = z.strictObject({ vitals: vitalsSchema, painScore: painScore.optional(), responsibleAdultPresent: z.boolean() });
export type DischargeRequest = z.infer<typeof dischargeSchema>;
