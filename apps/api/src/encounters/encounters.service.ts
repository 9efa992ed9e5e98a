import { InfusionEncounterEntity, PatientEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EncounterView } from './encounter-view';
import { encounterView } from './encounter-store';

/** Reads of infusion encounters, for clinicians. */
@Injectable()
export class EncountersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<EncounterView> {
    const row = await this.db.getRepository(InfusionEncounterEntity).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No infusion encounter has this id');
    return encounterView(this.db.manager, row);
  }

  /** A patient's encounters, the latest check-in first. */
  async ofPatient(patientId: string): Promise<EncounterView[]> {
    if (!(await this.db.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
    const rows = await this.db.getRepository(InfusionEncounterEntity).find({ where: { patientId }, order: { checkedInAt: 'DESC' } });
    return Promise.all(rows.map((row) => encounterView(this.db.manager, row)));
  }
}
