import { assessResponse, expectedResponseCheck, painChange, type Policy } from '@keta/clinical-rules';
import { ClinicSettingsEntity, MeasurementEntity, PatientEntity, QuestionnaireResponseEntity } from '@keta/db';
import { INSTRUMENTS, type Instrument } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { clinicPolicyOf } from '../clinic-settings/clinic-policy';
import {
  toQuestionnaireView, type InstrumentOutcome, type OutcomeFinding, type PainPoint, type PatientOutcomes, type QuestionnaireView,
  type ScorePoint, type SeriesOutcomeView, type VisitPainChange,
} from './outcome-views';
import { seriesCourses, seriesWindows, type Score, type SeriesCourse } from './series-courses';

const DAY_MS = 24 * 60 * 60 * 1000;
/** expectedResponseCheck counts treatment days up to a year; past that, the first submission is no baseline for it. */
const LAST_TREATMENT_DAY = 365;

/** A patient's outcomes: questionnaires with response and remission, pain, and the no-response finding. */
@Injectable()
export class PatientOutcomesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forPatient(patientId: string, now = new Date()): Promise<PatientOutcomes> {
    const db = this.db.manager;
    if (!(await db.getRepository(PatientEntity).existsBy({ id: patientId }))) throw new DomainError(ErrorCode.NotFound, 'No patient has this id');
    const rows = await db.getRepository(QuestionnaireResponseEntity).find({ where: { patientId }, order: { authoredAt: 'ASC', createdAt: 'ASC' } });
    const submissions = rows.map(toQuestionnaireView);
    const instruments = INSTRUMENTS.flatMap((instrument) => outcomeOf(instrument, submissions.filter((s) => s.instrument === instrument)));
    const policy = await policyOf(db);
    const courses = seriesCourses(await seriesWindows(db, { patientId }), rows.map(scoreOfRow), now);
    return {
      patientId,
      submissions: [...submissions].reverse(),
      instruments,
      series: courses.map(seriesOutcomeOf),
      pain: painOf(await painScores(db, patientId)),
      findings: policy ? instruments.flatMap((outcome) => noResponseFindings(outcome, policy, now)) : [],
    };
  }
}

function outcomeOf(instrument: Instrument, chronological: QuestionnaireView[]): InstrumentOutcome[] {
  const [first] = chronological;
  const last = chronological.at(-1);
  if (!first || !last) return [];
  return [{
    instrument,
    submissions: chronological.length,
    baseline: pointOf(first),
    latest: pointOf(last),
    response: chronological.length > 1 ? assessResponse({ instrument, baseline: first.total, current: last.total }) : null,
  }];
}

const pointOf = ({ id, total, severity, authoredAt }: QuestionnaireView): ScorePoint => ({ id, total, severity, authoredAt });

function scoreOfRow(row: QuestionnaireResponseEntity): Score {
  return { id: row.id, patientId: row.patientId, instrument: row.instrument, total: row.total, authoredAt: row.authoredAt };
}

/** Response and remission of a series: its final score against its baseline, once it has both. */
function seriesOutcomeOf({ seriesId, instrument, baseline, final }: SeriesCourse): SeriesOutcomeView {
  const point = (s: Score | null) => (s ? { id: s.id, total: s.total, authoredAt: s.authoredAt.toISOString() } : null);
  return {
    seriesId, instrument, baseline: point(baseline), final: point(final),
    response: baseline && final ? assessResponse({ instrument, baseline: baseline.total, current: final.total }) : null,
  };
}

/**
 * Seed 003 expects a better mood within days: on or after the policy's day, a latest total no lower than the
 * baseline is for a clinician to review. Day 1 is the day of the first submission.
 */
function noResponseFindings(outcome: InstrumentOutcome, policy: Policy, now: Date): OutcomeFinding[] {
  const elapsed = Math.max(0, now.getTime() - Date.parse(outcome.baseline.authoredAt));
  const treatmentDay = Math.floor(elapsed / DAY_MS) + 1;
  if (treatmentDay > LAST_TREATMENT_DAY) return [];
  const improved = outcome.latest.total < outcome.baseline.total;
  return expectedResponseCheck({ kind: 'mood', treatmentDay, improved }, policy).map((finding) => ({ instrument: outcome.instrument, ...finding }));
}

/** None until an admin has set the clinic's policy. */
async function policyOf(db: EntityManager): Promise<Policy | null> {
  const settings = await db.getRepository(ClinicSettingsEntity).findOneBy({ id: 1 });
  return settings ? clinicPolicyOf(settings) : null;
}

async function painScores(db: EntityManager, patientId: string): Promise<PainPoint[]> {
  const rows = await db.getRepository(MeasurementEntity).createQueryBuilder('m')
    .where('m.patient_id = :patientId', { patientId })
    .andWhere(`m.measurement ->> 'kind' = 'pain'`)
    .orderBy('m.effective_at', 'ASC').addOrderBy('m.id', 'ASC')
    .getMany();
  return rows.flatMap((row) => row.measurement.kind === 'pain'
    ? [{ effectiveAt: row.effectiveAt.toISOString(), score: row.measurement.score, encounterId: row.encounterId }]
    : []);
}

/** The 0-10 scale is whole numbers; a score a sender gave otherwise stays in the trend but is not compared. */
const comparable = (score: number) => Number.isInteger(score) && score >= 0 && score <= 10;

function painOf(trend: PainPoint[]): PatientOutcomes['pain'] {
  const byEncounter = new Map<string, PainPoint[]>();
  for (const point of trend) {
    if (point.encounterId && comparable(point.score)) byEncounter.set(point.encounterId, [...(byEncounter.get(point.encounterId) ?? []), point]);
  }
  const visits: VisitPainChange[] = [];
  for (const [encounterId, points] of byEncounter) {
    const [arrival] = points;
    const discharge = points.at(-1);
    if (!arrival || !discharge || points.length < 2) continue;
    visits.push({ encounterId, arrival, discharge, ...painChange({ arrival: arrival.score, discharge: discharge.score }) });
  }
  return { trend, visits };
}
