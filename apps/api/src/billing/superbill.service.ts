import { localDate, superbillCoding, type BilledInfusion } from '@keta/clinical-rules';
import {
  AppointmentEntity, ClinicSettingsEntity, ConditionEntity, InfusionAdministrationEntity, InfusionEncounterEntity, PatientEntity, ReferralEntity, SeriesEntity,
} from '@keta/db';
import type { Coding, FeeSchedule } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { feeScheduleIn } from './fee-schedule.service';
import { toSuperbillView, type SuperbillView } from './superbill-view';

/** Conditions that count as current: what the infusions treat. */
const CURRENT_CONDITION = ['active', 'recurrence', 'relapse'] as const;
const NO_FEES: FeeSchedule = { currency: 'USD', fees: [] };

/**
 * The superbill of a completed infusion or series: read only, from the discharged encounters, their
 * administrations, the referral and the clinic's fee schedule (none set: every code is listed without a fee).
 */
@Injectable()
export class SuperbillService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofEncounter(id: string): Promise<SuperbillView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const encounter = await tx.getRepository(InfusionEncounterEntity).findOneBy({ id });
      if (!encounter) throw new DomainError(ErrorCode.NotFound, 'No infusion encounter has this id');
      if (encounter.stage !== 'discharged') throw new DomainError(ErrorCode.BusinessRule, `The encounter is ${encounter.stage}: a superbill is for an infusion whose patient has been discharged`);
      return this.superbill(tx, { id, kind: 'encounter', patientId: encounter.patientId, referralId: encounter.referralId, encounters: [encounter] });
    });
  }

  async ofSeries(id: string): Promise<SuperbillView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const series = await tx.getRepository(SeriesEntity).findOneBy({ id });
      if (!series) throw new DomainError(ErrorCode.NotFound, 'No series has this id');
      if (series.status !== 'completed') throw new DomainError(ErrorCode.BusinessRule, `The series is ${series.status}: a superbill is for a series whose last infusion is done`);
      const appointments = await tx.getRepository(AppointmentEntity).find({ select: { id: true }, where: { seriesId: id, status: 'completed' } });
      const encounters = await tx.getRepository(InfusionEncounterEntity).find({
        where: { appointmentId: In(appointments.map((a) => a.id)), stage: 'discharged' }, order: { checkedInAt: 'ASC' },
      });
      if (!encounters.length) throw new DomainError(ErrorCode.BusinessRule, 'The series has no completed infusion to bill');
      return this.superbill(tx, { id, kind: 'series', patientId: series.patientId, referralId: series.referralId, encounters });
    });
  }

  private async superbill(
    tx: EntityManager,
    what: { id: string; kind: SuperbillView['kind']; patientId: string; referralId: string | null; encounters: InfusionEncounterEntity[] },
  ): Promise<SuperbillView> {
    const settings = await tx.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 });
    if (!settings) throw new DomainError(ErrorCode.BusinessRule, 'The clinic has no settings yet: an admin sets them');
    const patient = await tx.getRepository(PatientEntity).findOneByOrFail({ id: what.patientId });
    const referral = what.referralId ? await tx.getRepository(ReferralEntity).findOneBy({ id: what.referralId }) : null;
    const infusions = await this.infusions(tx, what.encounters, settings.timeZone);
    const coding = superbillCoding({ infusions, diagnoses: await this.diagnoses(tx, patient.id, referral) }, (await feeScheduleIn(tx)) ?? NO_FEES);
    return toSuperbillView({
      id: what.id,
      kind: what.kind,
      clinic: { name: settings.name, ...settings.billingProvider },
      patient: { name: { given: patient.givenNames, family: patient.familyName }, birthDate: patient.birthDate },
      ...(referral ? { referringProvider: { name: referral.referrerName, npi: referral.referrerNpi } } : {}),
    }, coding);
  }

  /** Each encounter's infusion: its clinic-local date, its whole minutes from start to end, its dose. */
  private async infusions(tx: EntityManager, encounters: InfusionEncounterEntity[], timeZone: string): Promise<BilledInfusion[]> {
    const administrations = await tx.getRepository(InfusionAdministrationEntity).find({ where: { encounterId: In(encounters.map((e) => e.id)) } });
    const endOf = new Map(encounters.map((e) => [e.id, e.infusionEndedAt]));
    return administrations.map(({ encounterId, startedAt, endedAt, doseMg }) => {
      // A discharged encounter's infusion has ended: the administration's end, else the encounter's.
      const end = endedAt ?? endOf.get(encounterId) ?? startedAt;
      return { date: localDate(startedAt, timeZone), minutes: Math.floor((end.getTime() - startedAt.getTime()) / 60_000), doseMg };
    });
  }

  /** The referral's indication first, then the patient's current conditions; the rule keeps the ICD-10-CM ones it treats. */
  private async diagnoses(tx: EntityManager, patientId: string, referral: ReferralEntity | null): Promise<Coding[]> {
    const conditions = await tx.getRepository(ConditionEntity).find({ where: { patientId, clinicalStatus: In([...CURRENT_CONDITION]) }, order: { recordedAt: 'ASC', id: 'ASC' } });
    const indication = referral ? [{ system: referral.indicationSystem, code: referral.indicationCode }] : [];
    return [...indication, ...conditions.flatMap((c) => c.codings.map(({ system, code }) => ({ system, code })))];
  }
}
