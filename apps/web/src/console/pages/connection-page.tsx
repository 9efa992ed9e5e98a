import { useCallback, useState } from 'react';
import type { ApiResult } from '../../api/api-client';
import { Link } from '../../components/link';
import { Notice } from '../../components/notice';
import { usePolling } from '../../components/use-polling';
import { getFailures, listConnections, pause, reconcile, replayDeadLetters, resume, resyncAll, retryFailed, retryJob } from '../api/ops-api';
import type { ConnectionFailures, ConnectionHealth } from '@keta/domain';
import { plural } from '../api/ops-words';
import { ConfirmAction } from '../components/confirm-action';
import { ConnectionFigures } from '../components/connection-figures';
import { ConsoleHeading } from '../components/console-heading';
import { FailedJobs, FailedRecords } from '../components/failure-tables';
import { HealthBadge } from '../components/health-badge';
import { ResyncForm } from '../components/resync-form';
import { consolePaths } from '../console-routes';
import { CONSOLE_POLL_MS } from './overview-page';

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; connection: ConnectionHealth; failures: ConnectionFailures | null };

/** One connection: its figures, its failures, and what ops may do about them. */
export function ConnectionPage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [all, failures] = await Promise.all([listConnections(), getFailures(id)]);
    if (!all.ok) {
      if (all.status !== 401) setError(`The connection could not be loaded: ${all.problem.detail}`);
      return;
    }
    const connection = all.body.find((c) => c.id === id);
    if (!connection) return setLoaded({ state: 'missing' });
    setLoaded({ state: 'ready', connection, failures: failures.ok ? failures.body : null });
    setError(failures.ok || failures.status === 401 ? null : `The failures could not be loaded: ${failures.problem.detail}`);
  }, [id]);
  usePolling(refresh, CONSOLE_POLL_MS);

  /** Runs an action, says what it did (or why it could not), and reads the connection again. */
  async function act<T>(call: () => Promise<ApiResult<T>>, said: (body: T) => string) {
    setBusy(true);
    setResult(null);
    const answer = await call();
    setBusy(false);
    if (answer.ok) {
      setError(null);
      setResult(said(answer.body));
    } else if (answer.status !== 401) {
      setError(answer.problem.detail);
    }
    await refresh();
  }

  if (loaded.state === 'loading') return <><ConsoleHeading title="Connection" /><Notice kind="alert">{error}</Notice>{error ? null : <p role="status">Loading…</p>}</>;
  if (loaded.state === 'missing') {
    return (
      <>
        <ConsoleHeading title="No connection found" />
        <p>There is no EHR connection with this id. <Link href={consolePaths.overview()}>Go to the overview</Link>.</p>
      </>
    );
  }
  const { connection: c, failures } = loaded;
  return (
    <>
      <ConsoleHeading title={c.name}>{c.name} <HealthBadge health={c.health} /></ConsoleHeading>
      <p><Link href={consolePaths.overview()}>All connections</Link></p>
      <Notice kind="alert">{error}</Notice>
      <Notice kind="status">{result}</Notice>
      <ConnectionFigures connection={c} />

      <h2>Actions</h2>
      <div className="actions">
        <ConfirmAction label="Retry all failed" question="Send every failed job of this connection again?" busy={busy}
          run={() => act(() => retryFailed(id), (b) => `${plural(b.retried, 'job')} retried`)} />
        <ConfirmAction label="Replay dead letters" question="Send every dead-lettered record of this connection again?" busy={busy}
          run={() => act(() => replayDeadLetters(id), (b) => `${plural(b.replayed, 'dead letter')} replayed`)} />
        {c.paused ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void act(() => resume(id), () => 'Sync resumed')}>Resume</button>
        ) : (
          <ConfirmAction label="Pause" question="Stop sending to this EHR until someone resumes it?" busy={busy}
            run={() => act(() => pause(id), () => 'Sync paused')} />
        )}
        <ConfirmAction label="Reconcile with the EHR" question="Compare a sample of what this EHR holds with Keta, and send again what differs?" busy={busy}
          run={() => act(() => reconcile(id), (b) => `Reconciliation queued (job ${b.jobId}); what differs is sent again`)} />
        <ConfirmAction label="Resync everything" question="Send every record this EHR holds again? It may take a while." busy={busy}
          run={() => act(() => resyncAll(id), (b) => `${plural(b.queued, 'record')} of ${plural(b.patients, 'patient')} queued`)} />
      </div>
      <ResyncForm connectionId={id} busy={busy} onDone={(message) => { setResult(message); void refresh(); }} />

      <h2>Failed jobs</h2>
      {failures ? <FailedJobs jobs={failures.jobs} busy={busy} retry={(jobId) => act(() => retryJob(id, jobId), (b) => `${plural(b.retried, 'job')} retried`)} /> : <p>Unknown.</p>}
      <h2>Failed and dead-letter records</h2>
      {failures ? <FailedRecords records={failures.records} /> : <p>Unknown.</p>}
    </>
  );
}
