import { AppointmentEntity, ClinicSettingsEntity, SeriesEntity } from '@keta/db';
import type { AppointmentQuery } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { assertPatientExists } from './appointment-book';
import { toAppointmentView, toSeriesView, type AppointmentView, type SeriesView } from './appointment-view';

/** Reads of the clinic's calendar: appointments by day, a patient's appointments and series. */
@Injectable()
export class ScheduleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** By start time; days are the clinic's (its time zone), both included. */
  async appointments(query: AppointmentQuery): Promise<AppointmentView[]> {
    const timeZone = (await this.db.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 }))?.timeZone ?? 'UTC';
    const builder = this.db.getRepository(AppointmentEntity).createQueryBuilder('a')
      .orderBy('a.startsAt', 'ASC').addOrderBy('a.id', 'ASC').limit(query.limit).offset(query.offset);
    if (query.from) builder.andWhere(`a.starts_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :tz)`, { from: query.from, tz: timeZone });
    if (query.to) builder.andWhere(`a.starts_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)`, { to: query.to, tz: timeZone });
    return (await builder.getMany()).map(toAppointmentView);
  }

  async patientAppointments(patientId: string): Promise<AppointmentView[]> {
    await assertPatientExists(this.db.manager, patientId);
    const rows = await this.db.getRepository(AppointmentEntity).find({ where: { patientId }, order: { startsAt: 'ASC', id: 'ASC' } });
    return rows.map(toAppointmentView);
  }

  async appointment(id: string): Promise<AppointmentView> {
    const row = await this.db.getRepository(AppointmentEntity).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'No appointment has this id');
    return toAppointmentView(row);
  }

  /** Newest first, each with its infusions. */
  async patientSeries(patientId: string): Promise<SeriesView[]> {
    await assertPatientExists(this.db.manager, patientId);
    const series = await this.db.getRepository(SeriesEntity).find({ where: { patientId }, order: { createdAt: 'DESC', id: 'DESC' } });
    const appointments = await this.db.getRepository(AppointmentEntity).find({ where: { seriesId: In(series.map((s) => s.id)) }, order: { startsAt: 'ASC', id: 'ASC' } });
    return series.map((s) => toSeriesView(s, appointments.filter((a) => a.seriesId === s.id)));
  }

  async series(id: string): Promise<SeriesView> {
    const series = await this.db.getRepository(SeriesEntity).findOneBy({ id });
    if (!series) throw new DomainError(ErrorCode.NotFound, 'No series has this id');
    const appointments = await this.db.getRepository(AppointmentEntity).find({ where: { seriesId: id }, order: { startsAt: 'ASC', id: 'ASC' } });
    return toSeriesView(series, appointments);
  }
}
