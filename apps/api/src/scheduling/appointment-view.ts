import type { AppointmentEntity, SeriesEntity } from '@keta/db';
import type { AppointmentKind, AppointmentRecord, AppointmentStatus, SeriesKind, SeriesStatus } from '@keta/domain';

export interface AppointmentView {
  id: string;
  patientId: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  start: string;
  end: string;
  chair: number | null;
  seriesId: string | null;
  sessionNumber: number | null;
  referralId: string | null;
  cancelReason: string | null;
  version: number;
}

export interface SeriesView {
  id: string;
  patientId: string;
  referralId: string;
  kind: SeriesKind;
  protocol: string;
  status: SeriesStatus;
  cancelReason: string | null;
  /** What the planner said of it: the protocol followed, and a warning when the calendar stretched it. */
  findings: SeriesEntity['findings'];
  version: number;
  createdAt: string;
  appointments: AppointmentView[];
}

export function toAppointmentView(row: AppointmentEntity): AppointmentView {
  const { id, patientId, kind, status, chair, seriesId, sessionNumber, referralId, cancelReason, version } = row;
  return { id, patientId, kind, status, start: row.startsAt.toISOString(), end: row.endsAt.toISOString(), chair, seriesId, sessionNumber, referralId, cancelReason, version };
}

export function toSeriesView(row: SeriesEntity, appointments: AppointmentEntity[]): SeriesView {
  const { id, patientId, referralId, kind, protocol, status, cancelReason, findings, version } = row;
  return { id, patientId, referralId, kind, protocol, status, cancelReason, findings, version, createdAt: row.createdAt.toISOString(), appointments: appointments.map(toAppointmentView) };
}

/** The appointment as the FHIR mapping takes it. */
export function toAppointmentRecord(row: AppointmentEntity): AppointmentRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    status: row.status,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    ...(row.chair ? { chair: row.chair } : {}),
    ...(row.referralId ? { referralId: row.referralId } : {}),
    ...(row.seriesId ? { seriesId: row.seriesId } : {}),
    ...(row.cancelReason ? { cancelationReason: row.cancelReason } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
