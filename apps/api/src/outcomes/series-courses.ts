import type { Instrument } from '@keta/domain';
import type { EntityManager } from 'typeorm';

/** A series in time: from its first session (its check-in, once there is one) to its last discharge (null while it runs). */
export interface SeriesWindow {
  seriesId: string;
  patientId: string;
  kind: 'mood' | 'pain';
  status: string;
  firstStart: Date;
  doneAt: Date | null;
}

export interface Score {
  id: string;
  patientId: string;
  instrument: Instrument;
  total: number;
  authoredAt: Date;
}

/** What a series did to one instrument's score: the score before it, and the score at its end. */
export interface SeriesCourse {
  seriesId: string;
  instrument: Instrument;
  baseline: Score | null;
  final: Score | null;
}

/** The end-of-series questionnaire is often filled in after the last visit, within days. */
const FINAL_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Per series and instrument: the baseline is the latest score at or before its first session; the final the
 * latest after it, up to two weeks past its last discharge (up to now while it runs).
 */
export function seriesCourses(windows: readonly SeriesWindow[], scores: readonly Score[], now = new Date()): SeriesCourse[] {
  return windows.flatMap((w) => {
    const own = scores.filter((s) => s.patientId === w.patientId).sort((a, b) => a.authoredAt.getTime() - b.authoredAt.getTime());
    const until = w.doneAt ? w.doneAt.getTime() + FINAL_GRACE_MS : now.getTime();
    return [...new Set(own.map((s) => s.instrument))].map((instrument) => {
      const scored = own.filter((s) => s.instrument === instrument);
      const before = scored.filter((s) => s.authoredAt <= w.firstStart);
      const during = scored.filter((s) => s.authoredAt > w.firstStart && s.authoredAt.getTime() <= until);
      return { seriesId: w.seriesId, instrument, baseline: before.at(-1) ?? null, final: during.at(-1) ?? null };
    });
  });
}

/** The series (not cancelled) of one patient, or the completed series of all; with their first session and last discharge. */
export async function seriesWindows(db: EntityManager, filter: { patientId: string } | { completed: true }): Promise<SeriesWindow[]> {
  const where = 'patientId' in filter ? `s.patient_id = $1 AND s.status <> 'cancelled'` : `s.status = 'completed'`;
  const rows = (await db.query(
    // The first session began at its check-in (a patient may come early or late), or is planned for its start.
    `SELECT s.id, s.patient_id, s.kind, s.status, coalesce(min(e.checked_in_at), min(a.starts_at)) AS first_start,
            max(e.discharged_at) FILTER (WHERE s.status = 'completed') AS done_at
       FROM series s JOIN appointment a ON a.series_id = s.id AND a.status <> 'cancelled'
       LEFT JOIN infusion_encounter e ON e.appointment_id = a.id
      WHERE ${where} GROUP BY s.id ORDER BY min(a.starts_at)`,
    'patientId' in filter ? [filter.patientId] : [],
  )) as Array<{ id: string; patient_id: string; kind: 'mood' | 'pain'; status: string; first_start: Date; done_at: Date | null }>;
  return rows.map((r) => ({ seriesId: r.id, patientId: r.patient_id, kind: r.kind, status: r.status, firstStart: r.first_start, doneAt: r.done_at }));
}
