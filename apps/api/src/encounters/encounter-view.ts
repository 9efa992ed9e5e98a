import type { AdverseEffectEntity, InfusionAdministrationEntity, InfusionEncounterEntity, MeasurementEntity, MonitoringAlert, RateChange, StoredFinding, StoredVitals } from '@keta/db';
import type { AdverseEffectRecord, InfusionAdministrationRecord, InfusionEncounterRecord, InfusionEncounterStatus, Measurement } from '@keta/domain';

/** An infusion day as a clinician sees it: the gate, the dose, the readings, the effects, the discharge. */
export interface EncounterView {
  id: string;
  patientId: string;
  appointmentId: string;
  referralId?: string;
  stage: InfusionEncounterEntity['stage'];
  checkedInAt: string;
  dayOf: { findings: StoredFinding[]; override?: { reason: string; by: string } };
  baselineVitals: StoredVitals;
  administration?: AdministrationView;
  readings: Array<{ id: string; measurement: Measurement; effectiveAt: string }>;
  /** What each set of vital signs raised, in order: kept, so the alert is there for whoever reads the day later. */
  monitoringAlerts: MonitoringAlert[];
  adverseEffects: Array<{ id: string; effect: string; serious: boolean; occurredAt: string }>;
  infusionEndedAt?: string;
  dischargedAt?: string;
  dischargeFindings?: StoredFinding[];
  notInfusedReason?: string;
  version: number;
}

export interface AdministrationView {
  id: string;
  status: InfusionAdministrationEntity['status'];
  concentrationMgPerMl: number;
  doseMg: number;
  rateMgPerHour: number;
  rateChanges: RateChange[];
  startedAt: string;
  endedAt?: string;
  lotNumber?: string;
  statusReason?: string;
}

export interface EncounterParts {
  administration: InfusionAdministrationEntity | null;
  readings: MeasurementEntity[];
  effects: AdverseEffectEntity[];
}

export function toEncounterView(row: InfusionEncounterEntity, parts: EncounterParts): EncounterView {
  const override = row.overrideReason && row.overriddenBy ? { override: { reason: row.overrideReason, by: row.overriddenBy } } : {};
  return {
    id: row.id, patientId: row.patientId, appointmentId: row.appointmentId, ...(row.referralId ? { referralId: row.referralId } : {}),
    stage: row.stage, checkedInAt: row.checkedInAt.toISOString(), dayOf: { findings: row.dayOfFindings, ...override },
    baselineVitals: row.baselineVitals,
    ...(parts.administration ? { administration: toAdministrationView(parts.administration) } : {}),
    readings: parts.readings.map((m) => ({ id: m.id, measurement: m.measurement, effectiveAt: m.effectiveAt.toISOString() })),
    monitoringAlerts: row.monitoringAlerts,
    adverseEffects: parts.effects.map((e) => ({ id: e.id, effect: e.effect, serious: e.serious, occurredAt: e.occurredAt.toISOString() })),
    ...(row.infusionEndedAt ? { infusionEndedAt: row.infusionEndedAt.toISOString() } : {}),
    ...(row.dischargedAt ? { dischargedAt: row.dischargedAt.toISOString() } : {}),
    ...(row.dischargeFindings ? { dischargeFindings: row.dischargeFindings } : {}),
    ...(row.notInfusedReason ? { notInfusedReason: row.notInfusedReason } : {}),
    version: row.version,
  };
}

function toAdministrationView(a: InfusionAdministrationEntity): AdministrationView {
  return {
    id: a.id, status: a.status, concentrationMgPerMl: a.concentrationMgPerMl, doseMg: a.doseMg, rateMgPerHour: a.rateMgPerHour,
    rateChanges: a.rateChanges, startedAt: a.startedAt.toISOString(), ...(a.endedAt ? { endedAt: a.endedAt.toISOString() } : {}),
    ...(a.lotNumber ? { lotNumber: a.lotNumber } : {}), ...(a.statusReason ? { statusReason: a.statusReason } : {}),
  };
}

/** Checked in: arrived; infusing and recovering: in progress; discharged: finished; sent home without one: cancelled (DOMAIN.md §2.4). */
const FHIR_STATUS: Record<InfusionEncounterEntity['stage'], InfusionEncounterStatus> = {
  'checked-in': 'arrived', infusing: 'in-progress', recovery: 'in-progress', discharged: 'finished', 'not-infused': 'cancelled',
};

export function toInfusionEncounterRecord(row: InfusionEncounterEntity): InfusionEncounterRecord {
  return {
    id: row.id, patientId: row.patientId, ...(row.referralId ? { referralId: row.referralId } : {}), status: FHIR_STATUS[row.stage],
    start: row.checkedInAt.toISOString(), ...(row.dischargedAt ? { end: row.dischargedAt.toISOString() } : {}),
  };
}

export function toAdministrationRecord(a: InfusionAdministrationEntity): InfusionAdministrationRecord {
  return {
    id: a.id, patientId: a.patientId, encounterId: a.encounterId, status: a.status, concentrationMgPerMl: a.concentrationMgPerMl,
    doseMg: a.doseMg, rateMgPerHour: a.rateMgPerHour, start: a.startedAt.toISOString(), ...(a.endedAt ? { end: a.endedAt.toISOString() } : {}),
    ...(a.lotNumber ? { lotNumber: a.lotNumber } : {}), ...(a.statusReason ? { statusReason: a.statusReason } : {}),
    ...(a.weightMeasurementId ? { weightMeasurementId: a.weightMeasurementId } : {}),
  };
}

export function toAdverseEffectRecord(e: AdverseEffectEntity): AdverseEffectRecord {
  return {
    id: e.id, patientId: e.patientId, encounterId: e.encounterId, ...(e.administrationId ? { administrationId: e.administrationId } : {}),
    effect: e.effect, occurredAt: e.occurredAt.toISOString(), serious: e.serious,
  };
}
