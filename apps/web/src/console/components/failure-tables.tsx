import type { FailedJob, LedgerRecord } from '@keta/domain';
import { when } from '../api/ops-words';

/** The connection's failed jobs: ids, attempts and the reason's code, each with its own retry. */
export function FailedJobs({ jobs, busy, retry }: { jobs: FailedJob[]; busy: boolean; retry: (jobId: string) => Promise<void> }) {
  if (jobs.length === 0) return <p data-testid="no-failed-jobs">No failed jobs.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Failed jobs" tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">Failed jobs</caption>
        <thead><tr><th scope="col">Job</th><th scope="col">Patient id</th><th scope="col">Reason</th><th scope="col">Attempts</th><th scope="col">Failed at</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.jobId}>
              <td><code>{j.jobId}</code></td>
              <td><code>{j.patientId ?? '—'}</code></td>
              <td><code data-testid="job-reason">{j.reason}</code></td>
              <td>{j.attemptsMade}</td>
              <td>{when(j.failedAt, '—')}</td>
              <td><button type="button" className="secondary small" disabled={busy} onClick={() => void retry(j.jobId)} aria-label={`Retry job ${j.jobId}`}>Retry</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Failed and dead-letter records with the EHR's outcome: types, ids, codes and paths only. */
export function FailedRecords({ records }: { records: LedgerRecord[] }) {
  if (records.length === 0) return <p>No failed or dead-letter records.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Failed and dead-letter records" tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">Failed and dead-letter records</caption>
        <thead><tr><th scope="col">Record</th><th scope="col">Patient id</th><th scope="col">Status</th><th scope="col">Error</th><th scope="col">Outcome issues</th><th scope="col">Attempts</th><th scope="col">Updated</th></tr></thead>
        <tbody>
          {records.map((r) => (
            <tr key={`${r.resourceType}/${r.resourceId}`}>
              <td>{r.resourceType} <code>{r.resourceId}</code> v{r.localVersion}</td>
              <td><code>{r.patientId}</code></td>
              <td>{r.status === 'dead-letter' ? 'Dead letter' : 'Failed'}</td>
              <td><code>{r.lastErrorCode ?? '—'}</code></td>
              <td>
                {r.outcome && r.outcome.issue.length > 0 ? (
                  <ul className="issues">
                    {r.outcome.issue.map((i, n) => (
                      <li key={n}>{i.severity} <code>{i.code}</code>{i.expression?.length ? <> at <code>{i.expression.join(', ')}</code></> : null}</li>
                    ))}
                  </ul>
                ) : '—'}
              </td>
              <td>{r.attempts}</td>
              <td>{when(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
