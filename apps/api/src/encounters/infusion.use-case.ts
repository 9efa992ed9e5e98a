import { computeDose } from '@keta/clinical-rules';
import { InfusionAdministrationEntity, writeProjection, type InfusionEncounterEntity } from '@keta/db';
import type { InfusionEnd, InfusionStart, RateChangeInput } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirInfusionAdministration } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { toAdministrationRecord, type EncounterView } from './encounter-view';
import { activeTreatmentConsent } from './day-of-gate';
import { clinicRules, encounterView, lockedEncounter, recordReadings, saveEncounter } from './encounter-store';

/**
 * The ketamine itself: started at the dose the clinic's range allows (computed from the weight), its rate
 * changed with a reason, and ended as planned or stopped early with the reason. Each step moves on from the
 * encounter's version (If-Match) and sends the MedicationAdministration to the EHRs.
 */
@Injectable()
export class InfusionUseCase {
  constructor(private readonly changes: AuditedChange) {}

  start(encounterId: string, input: InfusionStart, expectedVersion: number): Promise<EncounterView> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, expectedVersion, ['checked-in']);
      // A consent revoked since check-in stops the infusion before it starts (DOMAIN.md §5.2).
      if (!(await activeTreatmentConsent(tx, encounter.patientId))) {
        throw new DomainError(ErrorCode.BusinessRule, 'The patient has no active treatment consent: no infusion without it');
      }
      const { policy } = await clinicRules(tx);
      const { dose, weightKg, concentrationMgPerMl } = input;
      const computed = computeDose({ ...dose, weightKg, concentrationMgPerMl } as Parameters<typeof computeDose>[0], policy);
      const now = new Date();
      const [weight] = await recordReadings(tx, encounter, [{ kind: 'body-weight', kg: weightKg }], now);
      const administration = tx.getRepository(InfusionAdministrationEntity).create({
        patientId: encounter.patientId, encounterId, status: 'in-progress', concentrationMgPerMl, doseMg: computed.totalMg,
        rateMgPerHour: computed.mgPerHour, rateChanges: [], startedAt: now, endedAt: null, lotNumber: input.lotNumber ?? null, statusReason: null,
        weightMeasurementId: weight!.id,
      });
      await this.saveAdministration(tx, administration);
      return encounterView(tx, await saveEncounter(tx, Object.assign(encounter, { stage: 'infusing' as const })));
    });
  }

  changeRate(encounterId: string, input: RateChangeInput, expectedVersion: number): Promise<EncounterView> {
    return this.running(encounterId, expectedVersion, async (tx, encounter, administration) => {
      const prescribed = administration.rateChanges[0]?.fromMgPerHour ?? administration.rateMgPerHour;
      if (input.rateMgPerHour > prescribed) {
        throw new DomainError(ErrorCode.BusinessRule, `The prescribed rate is ${prescribed} mg/h: a faster rate needs a new prescription`, [{ field: 'rateMgPerHour', message: `is above the prescribed ${prescribed} mg/h` }]);
      }
      const change = { at: new Date().toISOString(), fromMgPerHour: administration.rateMgPerHour, rateMgPerHour: input.rateMgPerHour, reason: input.reason };
      await this.saveAdministration(tx, Object.assign(administration, { rateMgPerHour: input.rateMgPerHour, rateChanges: [...administration.rateChanges, change] }));
      return encounter;
    });
  }

  end(encounterId: string, input: InfusionEnd, expectedVersion: number): Promise<EncounterView> {
    return this.running(encounterId, expectedVersion, async (tx, encounter, administration) => {
      const endedAt = new Date();
      // Stopped early, the dose is what the pump gave by then at its rates; completed, the prescribed dose.
      const stopped = input.stoppedEarly
        ? { status: 'stopped' as const, statusReason: input.stoppedEarly.reason, doseMg: Math.min(administration.doseMg, delivered(administration, endedAt)) }
        : { status: 'completed' as const };
      await this.saveAdministration(tx, Object.assign(administration, { ...stopped, endedAt }));
      return Object.assign(encounter, { stage: 'recovery' as const, infusionEndedAt: endedAt });
    });
  }

  /** A step on an infusion under way: the encounter is infusing and its administration in progress. */
  private running(
    encounterId: string, expectedVersion: number,
    step: (tx: EntityManager, encounter: InfusionEncounterEntity, administration: InfusionAdministrationEntity) => Promise<InfusionEncounterEntity>,
  ): Promise<EncounterView> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, expectedVersion, ['infusing']);
      const administration = await tx.getRepository(InfusionAdministrationEntity).findOneBy({ encounterId });
      if (administration?.status !== 'in-progress') throw new DomainError(ErrorCode.Conflict, 'No infusion is running in this encounter');
      // The encounter's version moves with every step, so a step from a stale view is refused.
      return encounterView(tx, await saveEncounter(tx, await step(tx, encounter, administration)));
    });
  }

  private async saveAdministration(tx: EntityManager, administration: InfusionAdministrationEntity): Promise<void> {
    const saved = await tx.getRepository(InfusionAdministrationEntity).save(administration);
    await writeProjection(tx, [toFhirInfusionAdministration(toAdministrationRecord(saved))]);
  }
}

/** Milligrams given from the start to `until`, each rate for as long as it ran. */
function delivered(administration: InfusionAdministrationEntity, until: Date): number {
  const changes = administration.rateChanges;
  const segments = [
    { from: administration.startedAt.getTime(), rate: changes[0]?.fromMgPerHour ?? administration.rateMgPerHour },
    ...changes.map((c) => ({ from: Date.parse(c.at), rate: c.rateMgPerHour })),
  ];
  const mg = segments.reduce((sum, segment, i) => sum + (segment.rate * ((segments[i + 1]?.from ?? until.getTime()) - segment.from)) / 3_600_000, 0);
  return Math.round(mg * 100) / 100;
}
