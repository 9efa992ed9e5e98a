import { clinicResponseRate, type SeriesOutcome } from '@keta/clinical-rules';
import { QuestionnaireResponseEntity } from '@keta/db';
import { INSTRUMENTS, type Instrument } from '@keta/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { ResponseRate } from './outcome-views';
import { seriesCourses, seriesWindows } from './series-courses';

/**
 * The clinic's response and remission rates (DOMAIN.md §4.1), overall and per instrument: one outcome per
 * completed series and instrument that has a baseline before the series and a final score at its end.
 */
@Injectable()
export class ResponseRateService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async clinicRate(): Promise<ResponseRate> {
    const windows = await seriesWindows(this.db.manager, { completed: true });
    const patientIds = [...new Set(windows.map((w) => w.patientId))];
    const rows = patientIds.length ? await this.db.getRepository(QuestionnaireResponseEntity).findBy({ patientId: In(patientIds) }) : [];
    const scores = rows.map((r) => ({ id: r.id, patientId: r.patientId, instrument: r.instrument, total: r.total, authoredAt: r.authoredAt }));
    const outcomes: SeriesOutcome[] = seriesCourses(windows, scores).flatMap(({ instrument, baseline, final }) =>
      (baseline && final ? [{ instrument, baseline: baseline.total, final: final.total }] : []));
    const byInstrument = INSTRUMENTS.map((instrument: Instrument) => {
      const { context: _context, ...rate } = clinicResponseRate(outcomes.filter((o) => o.instrument === instrument));
      return { instrument, ...rate };
    });
    return { ...clinicResponseRate(outcomes), byInstrument };
  }
}
