import { reviewMedications, type MedicationReview } from '@keta/clinical-rules';
import { ClinicSettingsEntity, HomeMedicationEntity, PatientEntity, writeProjection } from '@keta/db';
import type { HomeMedicationChange, NewHomeMedication } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirMedicationStatement } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assertCurrent } from '../http/if-match';
import { toHomeMedicationRecord } from '../referrals/patient-records';
import { ScreenReferralUseCase } from '../referrals/screen-referral.use-case';
import type { MedicationAdvice, MedicationList, MedicationView } from './medication-view';
import { AuditedChange } from '../audit/audited-change.service';
import { clinicPolicyOf } from '../clinic-settings/clinic-policy';

const TAKEN = new Set(['active', 'on-hold']);

/**
 * A patient's home medications as the clinic keeps them: add, correct, stop. Each change commits with its
 * MedicationStatement (and outbox row) and a new screening of the patient's open referrals, whose
 * interaction findings follow the list; the list comes with the policy's advice for each medication taken.
 */
@Injectable()
export class PatientMedicationsUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: AuditedChange,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  async list(patientId: string): Promise<MedicationList> {
    const db = this.db.manager;
    await this.patient(db, patientId);
    const rows = await db.getRepository(HomeMedicationEntity).find({ where: { patientId }, order: { recordedAt: 'DESC', id: 'DESC' } });
    const reviews = await this.reviews(db, rows);
    return {
      patientId,
      medications: rows.map((row) => toView(row, reviews.get(row.id))),
      holdInstructions: [...reviews.values()].flatMap((r) => (r.patientInstruction ? [r.patientInstruction] : [])),
    };
  }

  /** The policy's review of each medication taken (active or on hold), by id; none until the policy is set. */
  private async reviews(db: EntityManager, rows: HomeMedicationEntity[]): Promise<Map<string, MedicationReview>> {
    const settings = await db.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 });
    if (!settings) return new Map();
    const taken = rows.filter((r) => TAKEN.has(r.status));
    const reviews = reviewMedications(taken.map((r) => ({ ...(r.rxnorm ? { rxnorm: r.rxnorm } : {}), name: r.name })), clinicPolicyOf(settings));
    return new Map(taken.map((r, i) => [r.id, reviews[i]!]));
  }

  add(patientId: string, input: NewHomeMedication): Promise<MedicationView> {
    return this.change(patientId, async (tx) => {
      await this.patient(tx, patientId);
      return tx.getRepository(HomeMedicationEntity).save({
        patientId, rxnorm: input.rxnorm ?? null, name: input.name ?? `RxNorm ${input.rxnorm}`, status: 'active', dosage: input.dosage ?? null, identifiers: [],
      });
    });
  }

  correct(patientId: string, id: string, change: HomeMedicationChange, expectedVersion: number): Promise<MedicationView> {
    return this.change(patientId, async (tx) => Object.assign(await this.current(tx, patientId, id, expectedVersion), change));
  }

  stop(patientId: string, id: string, expectedVersion: number): Promise<MedicationView> {
    return this.change(patientId, async (tx) => Object.assign(await this.current(tx, patientId, id, expectedVersion), { status: 'stopped' as const }));
  }

  private async change(patientId: string, apply: (tx: EntityManager) => Promise<Partial<HomeMedicationEntity>>): Promise<MedicationView> {
    return this.changes.run(async (tx) => {
      const changed = await apply(tx);
      const saved = await tx.getRepository(HomeMedicationEntity).save(changed);
      const row = await tx.getRepository(HomeMedicationEntity).findOneByOrFail({ id: saved.id });
      await writeProjection(tx, [toFhirMedicationStatement(toHomeMedicationRecord(row))]);
      await this.screening.screenPatientIn(tx, patientId);
      return toView(row, (await this.reviews(tx, [row])).get(row.id));
    });
  }

  private async current(tx: EntityManager, patientId: string, id: string, expectedVersion: number): Promise<HomeMedicationEntity> {
    const row = await tx.getRepository(HomeMedicationEntity).findOne({ where: { id, patientId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'This patient has no medication with this id');
    assertCurrent('medication', row.version, expectedVersion);
    if (row.status === 'stopped') throw new DomainError(ErrorCode.BusinessRule, 'The medication is stopped: record it again if the patient takes it again');
    return row;
  }

  private async patient(db: EntityManager, id: string): Promise<void> {
    if (!(await db.getRepository(PatientEntity).existsBy({ id }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
  }
}

function toAdvice(review: MedicationReview): MedicationAdvice {
  const { finding } = review;
  return {
    drugClass: review.drugClass, ifTaken: review.ifTaken, patientInstruction: review.patientInstruction,
    finding: finding ? { code: finding.code, severity: finding.severity, message: finding.message } : null,
  };
}

function toView(row: HomeMedicationEntity, review: MedicationReview | undefined): MedicationView {
  const { patientId: _patientId, identifiers: _identifiers, ...record } = toHomeMedicationRecord(row);
  return { ...record, version: row.version, advice: review ? toAdvice(review) : null };
}
