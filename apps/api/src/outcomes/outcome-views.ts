import { scoreGad7, scorePhq9, type ClinicResponseRate, type Finding, type PainChange, type QuestionnaireScore, type ResponseAssessment } from '@keta/clinical-rules';
import type { QuestionnaireResponseEntity } from '@keta/db';
import type { Instrument, QuestionnaireResponseRecord } from '@keta/domain';
import { assertUnreachable } from '@keta/errors';

/** One submitted questionnaire, scored. */
export interface QuestionnaireView {
  id: string;
  instrument: Instrument;
  answers: number[];
  total: number;
  severity: string;
  /** Total >= 10, the case threshold of both instruments. */
  positiveScreen: boolean;
  authoredAt: string;
  encounterId: string | null;
}

export type ScorePoint = Pick<QuestionnaireView, 'id' | 'total' | 'severity' | 'authoredAt'>;

/** An instrument's course: the first submission against the latest. */
export interface InstrumentOutcome {
  instrument: Instrument;
  submissions: number;
  baseline: ScorePoint;
  latest: ScorePoint;
  /** Response and remission of latest against baseline; null until there is a second submission. */
  response: ResponseAssessment | null;
}

export interface PainPoint {
  effectiveAt: string;
  score: number;
  encounterId: string | null;
}

/** Pain relief within one visit: its first pain score (arrival) against its last (discharge). */
export interface VisitPainChange extends PainChange {
  encounterId: string;
  arrival: PainPoint;
  discharge: PainPoint;
}

export interface OutcomeFinding extends Finding {
  instrument: Instrument;
}

/** A series' course on one instrument: the score before it, at its end, and what that makes. */
export interface SeriesOutcomeView {
  seriesId: string;
  instrument: Instrument;
  baseline: { id: string; total: number; authoredAt: string } | null;
  final: { id: string; total: number; authoredAt: string } | null;
  response: ResponseAssessment | null;
}

export interface PatientOutcomes {
  patientId: string;
  /** Newest first. */
  submissions: QuestionnaireView[];
  /** Each instrument from the first submission to the latest, across series. */
  instruments: InstrumentOutcome[];
  /** Each series (not cancelled), per instrument: the baseline before it against the final score at its end. */
  series: SeriesOutcomeView[];
  /** The pain trend, oldest first, and the change within each visit that has two pain scores or more. */
  pain: { trend: PainPoint[]; visits: VisitPainChange[] };
  findings: OutcomeFinding[];
}

export interface ResponseRate extends ClinicResponseRate {
  byInstrument: Array<Omit<ClinicResponseRate, 'context'> & { instrument: Instrument }>;
}

export function scoreOf(instrument: Instrument, answers: readonly number[]): QuestionnaireScore<string> {
  switch (instrument) {
    case 'phq9':
      return scorePhq9(answers);
    case 'gad7':
      return scoreGad7(answers);
    default:
      return assertUnreachable(instrument);
  }
}

export function toQuestionnaireRecord(row: QuestionnaireResponseEntity): QuestionnaireResponseRecord {
  return {
    id: row.id, scoreId: row.scoreId, patientId: row.patientId, ...(row.encounterId ? { encounterId: row.encounterId } : {}),
    instrument: row.instrument, answers: row.answers, authoredAt: row.authoredAt.toISOString(),
  };
}

export function toQuestionnaireView(row: QuestionnaireResponseEntity): QuestionnaireView {
  const { total, severity, positiveScreen } = scoreOf(row.instrument, row.answers);
  return {
    id: row.id, instrument: row.instrument, answers: row.answers, total, severity, positiveScreen,
    authoredAt: row.authoredAt.toISOString(), encounterId: row.encounterId,
  };
}
