import { calendarDate, dayOf, MEASURE_LABELS, SERIES_KINDS } from '../api/plain-words';
import type { ClosingSummary } from '../api/referral-types';

const score = (value: number | null): string => (value === null ? 'Not recorded' : String(value));

/** What became of the patient: the series completed and each score before and after it. */
export function ClosingSummaryView({ summary }: { summary: ClosingSummary }) {
  const { series } = summary;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Closing summary</h2>
      <p>Closed on {dayOf(summary.closedAt)}.</p>
      <dl className="details">
        <div><dt>Series completed</dt><dd>{SERIES_KINDS[series.kind] ?? series.kind}, {series.protocol} protocol</dd></div>
        <div><dt>Infusions completed</dt><dd>{series.infusionsCompleted}</dd></div>
        <div><dt>First infusion</dt><dd>{calendarDate(series.firstInfusionOn)}</dd></div>
        <div><dt>Last infusion</dt><dd>{calendarDate(series.lastInfusionOn)}</dd></div>
      </dl>
      {summary.scores.length > 0 ? (
        <table className="scores">
          <caption>Scores before and after the series</caption>
          <thead>
            <tr><th scope="col">Measure</th><th scope="col">Baseline</th><th scope="col">Final</th></tr>
          </thead>
          <tbody>
            {summary.scores.map((s) => (
              <tr key={s.measure}>
                <th scope="row">{MEASURE_LABELS[s.measure] ?? s.measure}</th>
                <td>{score(s.baseline)}</td>
                <td>{score(s.final)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary.note ? <><h3>Note from the clinic</h3><p className="note">{summary.note}</p></> : null}
    </section>
  );
}
