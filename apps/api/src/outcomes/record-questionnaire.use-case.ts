import { InfusionEncounterEntity, PatientEntity, QuestionnaireResponseEntity, writeProjection } from '@keta/db';
import type { NewQuestionnaireResponse } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { toFhirQuestionnaireResponse, toFhirQuestionnaireScore } from '@keta/fhir-mapping';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { scoreOf, toQuestionnaireRecord, toQuestionnaireView, type QuestionnaireView } from './outcome-views';

/**
 * A completed PHQ-9 or GAD-7, scored and kept; its QuestionnaireResponse and total-score Observation (and their
 * outbox rows) commit with it, so it goes to the EHRs.
 */
@Injectable()
export class RecordQuestionnaireUseCase {
  constructor(private readonly changes: AuditedChange) {}

  record(patientId: string, input: NewQuestionnaireResponse, recordedBy: string): Promise<QuestionnaireView> {
    return this.changes.run(async (tx) => {
      if (!(await tx.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
      if (input.encounterId) await assertEncounterOf(tx, patientId, input.encounterId);
      // Scored before anything is written: the rules check the answers again.
      const { total } = scoreOf(input.instrument, input.answers);
      const row: QuestionnaireResponseEntity = {
        id: randomUUID(), scoreId: randomUUID(), patientId, encounterId: input.encounterId ?? null, instrument: input.instrument,
        answers: input.answers, total,
        authoredAt: input.authoredAt ? new Date(input.authoredAt) : new Date(), recordedBy, createdAt: new Date(),
      };
      await tx.getRepository(QuestionnaireResponseEntity).insert(row);
      const record = toQuestionnaireRecord(row);
      await writeProjection(tx, [toFhirQuestionnaireResponse(record), toFhirQuestionnaireScore(record)]);
      return toQuestionnaireView(row);
    });
  }
}

async function assertEncounterOf(tx: EntityManager, patientId: string, id: string): Promise<void> {
  if (!(await tx.getRepository(InfusionEncounterEntity).existsBy({ id, patientId }))) {
    throw new DomainError(ErrorCode.BusinessRule, 'encounterId names no infusion encounter of this patient', [
      { field: 'encounterId', message: 'names no infusion encounter of this patient' },
    ]);
  }
}
