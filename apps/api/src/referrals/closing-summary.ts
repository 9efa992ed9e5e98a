import { ClinicSettingsEntity, QuestionnaireResponseEntity, type SeriesEntity } from '@keta/db';
import type { ClosingScore, ClosingSummary } from '@keta/domain';
import type { EntityManager } from 'typeorm';
import { seriesCourses, seriesWindows } from '../outcomes/series-courses';

/**
 * What a done series comes to, for its referrer: the infusions given and their first and last days (the
 * clinic's), each questionnaire's score before the series and at its end (as the outcome reports count them),
 * and for pain the score on arrival at the first infusion and at discharge from the last.
 */
export async function closingSummaryOf(tx: EntityManager, series: SeriesEntity, note: string | null, closedAt: Date): Promise<ClosingSummary> {
  const timeZone = (await tx.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 }))?.timeZone ?? 'UTC';
  const [given] = (await tx.query(
    `SELECT count(*)::int AS completed, to_char(min(starts_at) AT TIME ZONE $2, 'YYYY-MM-DD') AS first_on, to_char(max(starts_at) AT TIME ZONE $2, 'YYYY-MM-DD') AS last_on
       FROM appointment WHERE series_id = $1 AND status = 'completed'`,
    [series.id, timeZone],
  )) as Array<{ completed: number; first_on: string; last_on: string }>;
  return {
    closedAt: closedAt.toISOString(),
    note,
    series: { id: series.id, kind: series.kind, protocol: series.protocol, infusionsCompleted: given!.completed, firstInfusionOn: given!.first_on, lastInfusionOn: given!.last_on },
    scores: [...(await questionnaireScores(tx, series)), ...(await painScores(tx, series))],
  };
}

async function questionnaireScores(tx: EntityManager, series: SeriesEntity): Promise<ClosingScore[]> {
  const windows = (await seriesWindows(tx, { patientId: series.patientId })).filter((w) => w.seriesId === series.id);
  const rows = await tx.getRepository(QuestionnaireResponseEntity).find({ where: { patientId: series.patientId }, order: { authoredAt: 'ASC', createdAt: 'ASC' } });
  const scores = rows.map(({ id, patientId, instrument, total, authoredAt }) => ({ id, patientId, instrument, total, authoredAt }));
  return seriesCourses(windows, scores).map(({ instrument, baseline, final }) => ({ measure: instrument, baseline: baseline?.total ?? null, final: final?.total ?? null }));
}

/** Whole 0-10 scores taken at the series' infusions, in order: the first is on arrival, the last at discharge. */
async function painScores(tx: EntityManager, series: SeriesEntity): Promise<ClosingScore[]> {
  const rows = (await tx.query(
    `SELECT (m.measurement ->> 'score')::numeric AS score
       FROM measurement m JOIN infusion_encounter e ON e.id = m.encounter_id JOIN appointment a ON a.id = e.appointment_id
      WHERE a.series_id = $1 AND m.measurement ->> 'kind' = 'pain'
      ORDER BY m.effective_at, m.id`,
    [series.id],
  )) as Array<{ score: string }>;
  const whole = rows.map((r) => Number(r.score)).filter((score) => Number.isInteger(score) && score >= 0 && score <= 10);
  if (!whole.length) return [];
  return [{ measure: 'pain', baseline: whole[0]!, final: whole.at(-1)! }];
}
