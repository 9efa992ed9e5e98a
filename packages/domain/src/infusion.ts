/** An infusion session in the chair (DOMAIN.md §2.4). */
export const INFUSION_ENCOUNTER_STATUSES = ['planned', 'in-progress', 'finished', 'cancelled'] as const;
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
