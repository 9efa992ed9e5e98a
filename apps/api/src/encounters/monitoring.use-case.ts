import { adverseEffectAdvice, vitalsAlerts, type Finding } from '@keta/clinical-rules';
import { AdverseEffectEntity, InfusionAdministrationEntity, writeProjection, type MonitoringAlert } from '@keta/db';
import type { AdverseEffectInput, Measurement, VitalsReading } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirAdverseEffect } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { toAdverseEffectRecord } from './encounter-view';
import { clinicRules, lockedEncounter, recordReadings } from './encounter-store';

const OPEN = ['checked-in', 'infusing', 'recovery'] as const;

/** A reading or an effect as recorded, with what the clinic's rules say of it. */
export interface Recorded {
  ids: string[];
  findings: Finding[];
}

/**
 * Monitoring on the infusion day: vital signs over time and adverse effects, each answered with the alerts
 * or advice of the clinic's rules; the alerts stay with the encounter. Readings are added, never changed, so
 * they need no version.
 */
@Injectable()
export class MonitoringUseCase {
  constructor(private readonly changes: AuditedChange) {}

  vitals(encounterId: string, reading: VitalsReading): Promise<Recorded> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, null, OPEN);
      const { policy } = await clinicRules(tx);
      const { takenAt, repeatedSystolic, repeatedDiastolic, ...vitals } = reading;
      if (takenAt && Date.parse(takenAt) > Date.now() + 60_000) throw new DomainError(ErrorCode.ValidationFailed, 'takenAt is in the future', [{ field: 'takenAt', message: 'is in the future' }]);
      const at = takenAt ? new Date(takenAt) : new Date();
      const rows = await recordReadings(tx, encounter, measurementsOf(reading), at);
      const findings = vitalsAlerts({ ...vitals, ...(repeatedSystolic !== undefined ? { repeatedSystolic } : {}), ...(repeatedDiastolic !== undefined ? { repeatedDiastolic } : {}) }, policy);
      const ids = rows.map((r) => r.id);
      await keepAlerts(tx, encounterId, findings.map(({ code, severity, message }) => ({ code, severity, message, at: at.toISOString(), readingIds: ids })));
      return { ids, findings };
    });
  }

  adverseEffect(encounterId: string, input: AdverseEffectInput, by: string): Promise<Recorded> {
    return this.changes.run(async (tx) => {
      const encounter = await lockedEncounter(tx, encounterId, null, OPEN);
      const administration = await tx.getRepository(InfusionAdministrationEntity).findOneBy({ encounterId });
      const row = await tx.getRepository(AdverseEffectEntity).save({
        patientId: encounter.patientId, encounterId, administrationId: administration?.id ?? null, effect: input.effect, serious: input.serious,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(), recordedBy: by,
      });
      await writeProjection(tx, [toFhirAdverseEffect(toAdverseEffectRecord(row))]);
      const seen = await tx.getRepository(AdverseEffectEntity).findBy({ encounterId });
      return { ids: [row.id], findings: adverseEffectAdvice(seen.map((e) => e.effect)) };
    });
  }
}

/** Appended, not read and written back: the encounter's version (its ETag) is for its steps, not its readings. */
async function keepAlerts(tx: EntityManager, encounterId: string, alerts: MonitoringAlert[]): Promise<void> {
  if (alerts.length) await tx.query(`UPDATE infusion_encounter SET monitoring_alerts = monitoring_alerts || $2::jsonb WHERE id = $1`, [encounterId, JSON.stringify(alerts)]);
}

/** Every value read, the repeat blood pressure as a reading of its own. */
function measurementsOf(r: VitalsReading): Measurement[] {
  const pressure = (systolic?: number, diastolic?: number) => (systolic !== undefined && diastolic !== undefined ? [{ kind: 'blood-pressure' as const, systolic, diastolic }] : []);
  return [
    ...pressure(r.systolic, r.diastolic),
    ...pressure(r.repeatedSystolic, r.repeatedDiastolic),
    ...(r.heartRate !== undefined ? [{ kind: 'heart-rate' as const, perMinute: r.heartRate }] : []),
    ...(r.spo2 !== undefined ? [{ kind: 'oxygen-saturation' as const, percent: r.spo2 }] : []),
    ...(r.respiratoryRate !== undefined ? [{ kind: 'respiratory-rate' as const, perMinute: r.respiratoryRate }] : []),
  ];
}
