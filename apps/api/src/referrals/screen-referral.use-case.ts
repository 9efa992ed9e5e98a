import { ClinicSettingsEntity, ConditionEntity, HomeMedicationEntity, MeasurementEntity, PatientEntity, ReferralEntity, ScreeningFindingEntity, writeProjection } from '@keta/db';
import { describeSource, screenReferral, type Finding, type Policy, type ReferralScreening, type ReferralScreeningInput } from '@keta/clinical-rules';
import type { Measurement, ReferralStatus } from '@keta/domain';
import { toFhirDetectedIssue, type ProjectedResource } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { toScreeningFindingRecord } from './patient-records';
import { referralProjection } from './referral-projection';
import { clinicPolicyOf } from '../clinic-settings/clinic-policy';

/** Screening decides only while the clinic has not moved the referral on (cancelled, completed). */
const SCREENABLE: ReadonlySet<ReferralStatus> = new Set(['received', 'needs-information', 'accepted', 'declined']);
/** Referrals still open: a declined one is closed unless its referrer sends something new. */
const OPEN: ReadonlySet<ReferralStatus> = new Set(['received', 'needs-information', 'accepted']);

interface FoundIssue {
  finding: Finding;
  medicationId: string | null;
}

/**
 * Screens a referral against the clinic's policy with everything Keta holds about its patient, in the
 * caller's transaction: one finding per issue (a finding screening no longer makes is resolved, not deleted),
 * the referral's status and reason while no clinician has decided (after that the status is theirs, and the
 * findings still inform them), and their FHIR projection (the ServiceRequest and Task always, so a caller need
 * not). Until an admin has set the clinic's policy there is nothing to screen against, and the referral stays
 * received. Answers the screening's own decision, if it ran.
 */
@Injectable()
export class ScreenReferralUseCase {
  /** `alongside`: records the caller changed in this transaction, projected in the same statement as the screening's. */
  async screenIn(tx: EntityManager, referralId: string, alongside: readonly ProjectedResource[] = []): Promise<ReferralScreening | undefined> {
    const referral = await tx.getRepository(ReferralEntity).findOneOrFail({ where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    const settings = await tx.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 });
    const screened = settings && SCREENABLE.has(referral.status) ? await this.screen(tx, referral, clinicPolicyOf(settings)) : undefined;
    if (screened && referral.decidedBy === null) await this.applyDecision(tx, referral, screened.result);
    const changed = screened?.changed ?? [];
    await writeProjection(tx, [...alongside, ...(await referralProjection(tx, referral)), ...changed.map((f) => toFhirDetectedIssue(toScreeningFindingRecord(f)))]);
    return screened?.result;
  }

  /** Screens again each of a patient's referrals still open to screening (but `except`): what it reads about them changed. */
  async screenPatientIn(tx: EntityManager, patientId: string, except?: string): Promise<void> {
    const referrals = await tx.getRepository(ReferralEntity).find({ select: { id: true }, where: { patientId, status: In([...SCREENABLE]) }, order: { createdAt: 'ASC' } });
    for (const { id } of referrals) if (id !== except) await this.screenIn(tx, id);
  }

  /** Screens again every referral still open (not decided against, not closed): the clinic's policy changed. */
  async screenOpenIn(tx: EntityManager): Promise<void> {
    const referrals = await tx.getRepository(ReferralEntity).find({ select: { id: true }, where: { status: In([...OPEN]) }, order: { createdAt: 'ASC' } });
    for (const { id } of referrals) await this.screenIn(tx, id);
  }

  /** Runs the rules and records the findings; answers the result and the findings whose DetectedIssue changed. */
  private async screen(tx: EntityManager, referral: ReferralEntity, policy: Policy): Promise<{ result: ReferralScreening; changed: ScreeningFindingEntity[] }> {
    const { input, medicationIds } = await this.inputFor(tx, referral);
    const result = screenReferral(input, policy);
    const found: FoundIssue[] = [
      ...result.findings.map((finding) => ({ finding, medicationId: null })),
      ...result.medicationFindings.flatMap((finding, i) => (finding ? [{ finding, medicationId: medicationIds[i]! }] : [])),
    ];
    return { result, changed: await this.recordFindings(tx, referral, found) };
  }

  /** The screening's decision as the referral's status (the update bumps its version). */
  private async applyDecision(tx: EntityManager, referral: ReferralEntity, result: ReferralScreening): Promise<void> {
    const change = { status: result.decision, statusReason: result.reason ?? null };
    if (referral.status === change.status && referral.statusReason === change.statusReason) return;
    Object.assign(referral, change);
    await tx.getRepository(ReferralEntity).update({ id: referral.id }, change);
  }

  private async inputFor(tx: EntityManager, referral: ReferralEntity): Promise<{ input: ReferralScreeningInput; medicationIds: string[] }> {
    const patient = await tx.getRepository(PatientEntity).findOneByOrFail({ id: referral.patientId });
    const conditions = await tx.getRepository(ConditionEntity).find({ where: { patientId: patient.id }, order: { recordedAt: 'ASC', id: 'ASC' } });
    const medications = await tx.getRepository(HomeMedicationEntity).find({ where: { patientId: patient.id, status: In(['active', 'on-hold']) }, order: { recordedAt: 'ASC', id: 'ASC' } });
    const measurements = await tx.getRepository(MeasurementEntity).find({ where: { patientId: patient.id }, order: { effectiveAt: 'ASC', id: 'ASC' } });
    const [letter] = (await tx.query(`SELECT 1 FROM document WHERE referral_id = $1 AND kind = 'referral-letter' LIMIT 1`, [referral.id])) as unknown[];
    const input: ReferralScreeningInput = {
      indication: { system: referral.indicationSystem, code: referral.indicationCode },
      sex: patient.sex,
      conditions: conditions.flatMap((c) => conditionFacts(c)),
      bloodPressure: measurements.flatMap(({ measurement: m, effectiveAt }) => (m.kind === 'blood-pressure' ? [{ systolic: m.systolic, diastolic: m.diastolic, at: effectiveAt.toISOString() }] : [])),
      attestations: { pregnant: latestPregnancyStatus(measurements.map((m) => m.measurement)), ...referral.attestations },
      medications: medications.map((m) => ({ ...(m.rxnorm ? { rxnorm: m.rxnorm } : {}), name: m.name })),
      hasLetter: letter !== undefined,
    };
    return { input, medicationIds: medications.map((m) => m.id) };
  }

  /** Adds what is newly found, resolves what no longer is, and returns the findings whose DetectedIssue changed. */
  private async recordFindings(tx: EntityManager, referral: ReferralEntity, found: FoundIssue[]): Promise<ScreeningFindingEntity[]> {
    const repository = tx.getRepository(ScreeningFindingEntity);
    const open = await repository.find({ where: { referralId: referral.id, resolvedAt: IsNull() } });
    // A finding whose severity changed (the policy did) is another finding: the old one is resolved.
    const keyOf = (code: string, severity: string, medicationId: string | null) => `${code}|${severity}|${medicationId ?? ''}`;
    const still = new Set(found.map((f) => keyOf(f.finding.code, f.finding.severity, f.medicationId)));
    const known = new Set(open.map((f) => keyOf(f.code, f.severity, f.medicationId)));
    const resolved = open.filter((f) => !still.has(keyOf(f.code, f.severity, f.medicationId))).map((f) => ({ ...f, resolvedAt: new Date() }));
    const added = found.filter((f) => !known.has(keyOf(f.finding.code, f.finding.severity, f.medicationId))).map(({ finding, medicationId }) => repository.create({
      referralId: referral.id, patientId: referral.patientId, code: finding.code, severity: finding.severity, message: finding.message,
      source: describeSource(finding.source), medicationId, identifiedAt: new Date(), resolvedAt: null,
    }));
    // A finding resolved before and found again is a new finding, with a DetectedIssue of its own. The resolved
    // go first: one open finding per code and medication (screening_finding_open_idx).
    const closed = resolved.length ? await repository.save(resolved) : [];
    return [...closed, ...(added.length ? await repository.save(added) : [])];
  }
}

/** One eligibility fact per coding of a condition, and one by name when it has a text. */
function conditionFacts(condition: ConditionEntity): ReferralScreeningInput['conditions'] {
  const status = condition.clinicalStatus;
  const coded = condition.codings.map((c) => ({ system: c.system, code: c.code, ...(c.display ? { display: c.display.slice(0, 500) } : {}), clinicalStatus: status }));
  return condition.text ? [...coded, { display: condition.text.slice(0, 500), clinicalStatus: status }] : coded;
}

function latestPregnancyStatus(measurements: readonly Measurement[]): boolean | undefined {
  const statuses = measurements.flatMap((m) => (m.kind === 'pregnancy-status' ? [m.pregnant] : []));
  return statuses.at(-1);
}
