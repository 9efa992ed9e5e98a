import { addDays, dayOfChecklist, zonedInstant, type DayOfResult, type Policy } from '@keta/clinical-rules';
import { ConsentEntity, HomeMedicationEntity } from '@keta/db';
import type { CheckIn } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import type { EntityManager } from 'typeorm';

/** What no one may override: an infusion needs the patient's consent (DOMAIN.md §5.2) and is never given in pregnancy. */
const NEVER_OVERRIDDEN = new Set(['day-of.treatment-consent-missing', 'day-of.treatment-consent-expired', 'day-of.pregnant']);

const TAKEN = ['active', 'on-hold'] as const;

/**
 * The day-of checklist for this appointment, from what the clinic holds (the patient's treatment consent,
 * their current medications, their consultation) and what was asked at the chair (vitals, fasting, driver,
 * last doses).
 */
export async function runDayOfChecklist(tx: EntityManager, patientId: string, infusionStart: Date, input: CheckIn, timeZone: string, policy: Policy): Promise<DayOfResult> {
  const consent = await activeTreatmentConsent(tx, patientId);
  const consultationHeldAt = await lastConsultationHeld(tx, patientId);
  const medications = await tx.getRepository(HomeMedicationEntity).find({ where: TAKEN.map((status) => ({ patientId, status })) });
  const lastDoses = new Map(input.medicationDoses.map((d) => [d.medicationId, d.lastDoseAt]));
  const unknown = input.medicationDoses.findIndex((d) => !medications.some((m) => m.id === d.medicationId));
  if (unknown >= 0) {
    throw new DomainError(ErrorCode.BusinessRule, 'medicationDoses names a medication the patient is not taking', [{ field: `medicationDoses.${unknown}.medicationId`, message: 'is not one of the patient\'s current medications' }]);
  }
  return dayOfChecklist({
    appointmentStart: infusionStart.toISOString(), timeZone,
    ...(consent ? { treatmentConsent: { status: 'active', signedAt: consent.signedAt.toISOString(), ...(consent.expiresOn ? { expiresAt: endOfDay(consent.expiresOn, timeZone) } : {}) } } : {}),
    ...pick(input, ['lastFoodAt', 'lastLiquidAt', 'lastWaterAt', 'driverConfirmed', 'pregnancy']),
    medications: medications.map((m) => ({ ...(m.rxnorm ? { rxnorm: m.rxnorm } : {}), name: m.name, ...(lastDoses.has(m.id) ? { lastDoseAt: lastDoses.get(m.id) } : {}) })),
    bloodPressure: { systolic: input.vitals.systolic, diastolic: input.vitals.diastolic },
    ...(consultationHeldAt ? { consultationHeldAt: consultationHeldAt.toISOString() } : {}),
  }, policy);
}

/**
 * A no-go checks in only when a clinician overrides it with a reason, and never past what may not be
 * overridden; the refusal lists every finding that stands in the way.
 */
export function assertMayCheckIn(result: DayOfResult, override: CheckIn['override'], role: string): void {
  if (result.go) return;
  const standing = result.findings.filter((f) => f.severity === 'block' || f.severity === 'review');
  const absolute = standing.filter((f) => NEVER_OVERRIDDEN.has(f.code));
  // The front desk checks patients in but reads no clinical detail (a medication's name): codes only, for them.
  const issues = (absolute.length ? absolute : standing).map((f) => ({ field: 'dayOf', message: role === 'clinician' ? `${f.code}: ${f.message}` : f.code }));
  if (absolute.length) throw new DomainError(ErrorCode.BusinessRule, 'No-go: the day-of checklist finds what no one may override', issues);
  if (!override) throw new DomainError(ErrorCode.BusinessRule, 'No-go: the day-of checklist does not clear this infusion; a clinician may override it with a reason', issues);
  if (role !== 'clinician') throw new DomainError(ErrorCode.Forbidden, 'Only a clinician may override the day-of checklist');
}

/**
 * The patient's latest active treatment consent, held FOR SHARE: a revocation waits for this check-in or
 * start, and is then seen by the next one.
 */
export function activeTreatmentConsent(tx: EntityManager, patientId: string): Promise<ConsentEntity | null> {
  return tx.getRepository(ConsentEntity).findOne({ where: { patientId, kind: 'treatment', status: 'active' }, order: { signedAt: 'DESC' }, lock: { mode: 'pessimistic_read' } });
}

/** When the patient's latest consultation that took place began. */
async function lastConsultationHeld(tx: EntityManager, patientId: string): Promise<Date | undefined> {
  const [held] = (await tx.query(
    `SELECT starts_at FROM appointment WHERE patient_id = $1 AND kind = 'consultation' AND status = 'completed' ORDER BY starts_at DESC LIMIT 1`, [patientId],
  )) as Array<{ starts_at: Date }>;
  return held?.starts_at;
}

/** A consent that lapses on a day holds through that day in the clinic: until the next local midnight. */
function endOfDay(date: string, timeZone: string): string {
  return zonedInstant(addDays(date, 1), '00:00', timeZone).toISOString();
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}
