import { clinicResponseRate, type SeriesOutcome } from '@keta/clinical-rules';
import { INSTRUMENTS, type Instrument } from '@keta/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ResponseRate } from './outcome-views';

/**
 * One outcome per course: baseline = the first submission, final = the latest, for every course with two
 * submissions or more. A course is (patient, instrument) for now; once series are completed in the clinic,
 * it is (series, instrument): partition by the series of the submission (through its encounter) instead of
 * patient_id, and keep the completed series only.
 */
const COURSE_OUTCOMES = `
  WITH ranked AS (
    SELECT patient_id, instrument, total,
      row_number() OVER (PARTITION BY patient_id, instrument ORDER BY authored_at, created_at) AS from_first,
      row_number() OVER (PARTITION BY patient_id, instrument ORDER BY authored_at DESC, created_at DESC) AS from_last
    FROM questionnaire_response
  )
  SELECT instrument,
    min(total) FILTER (WHERE from_first = 1)::int AS baseline,
    min(total) FILTER (WHERE from_last = 1)::int AS final
  FROM ranked
  GROUP BY patient_id, instrument
  HAVING count(*) >= 2`;

/** The clinic's response and remission rates (DOMAIN.md §4.1), overall and per instrument. */
@Injectable()
export class ResponseRateService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async clinicRate(): Promise<ResponseRate> {
    const outcomes = (await this.db.query(COURSE_OUTCOMES)) as SeriesOutcome[];
    const byInstrument = INSTRUMENTS.map((instrument: Instrument) => {
      const { context: _context, ...rate } = clinicResponseRate(outcomes.filter((o) => o.instrument === instrument));
      return { instrument, ...rate };
    });
    return { ...clinicResponseRate(outcomes), byInstrument };
  }
}
