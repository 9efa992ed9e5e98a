import type { ConnectionHealth } from '@keta/domain';
import { age, CIRCUIT_LABELS, KIND_LABELS, when, windowSummary } from '../api/ops-words';
import { ActivityChart } from './activity-chart';

/** A connection's figures: queue depth, throughput and errors, oldest pending, last success, circuit, top reasons. */
export function ConnectionFigures({ connection: c }: { connection: ConnectionHealth }) {
  return (
    <>
      {c.healthReasons.length > 0 ? (
        <ul className="reasons" aria-label="Why">
          {c.healthReasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
      ) : null}
      <dl className="figures">
        <div><dt>Kind</dt><dd>{KIND_LABELS[c.kind]}</dd></div>
        <div>
          <dt>Queue</dt>
          <dd data-testid="queue">
            {c.queue
              ? <>waiting {c.queue.waiting} · active {c.queue.active} · delayed {c.queue.delayed} · <span data-testid="failed-count">failed {c.queue.failed}</span> · dead letters {c.queue.deadLetters}</>
              : 'unknown (the queues cannot be reached)'}
          </dd>
        </div>
        <div><dt>Last 5 min</dt><dd>{windowSummary(c.activity.last5m)}</dd></div>
        <div><dt>Last 60 min</dt><dd>{windowSummary(c.activity.last60m)}</dd></div>
        <div><dt>Oldest pending</dt><dd>{age(c.oldestPendingSeconds)}</dd></div>
        <div><dt>Last success</dt><dd>{when(c.lastSuccessAt)}</dd></div>
        <div><dt>Circuit</dt><dd>{CIRCUIT_LABELS[c.circuit.state]}{c.circuit.since ? `, since ${when(c.circuit.since)}` : ''}</dd></div>
        {c.referralPolling ? (
          <div>
            <dt>Referral polling</dt>
            <dd data-testid="referral-polling">
              last {when(c.referralPolling.polledAt, 'never')} · next {when(c.referralPolling.nextPollAt)} · received {c.referralPolling.received} ·
              refused {c.referralPolling.refused}
              {c.referralPolling.held ? <> · <strong>held {c.referralPolling.held}</strong> since {when(c.referralPolling.heldSince)} (<code>{c.referralPolling.lastHeldCode}</code>)</> : null}
              {c.referralPolling.lastErrorCode ? <> · last error <code>{c.referralPolling.lastErrorCode}</code></> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Top failures</dt>
          <dd>{c.topFailureReasons.length === 0 ? 'none' : c.topFailureReasons.map((f) => `${f.code} (${f.count})`).join(', ')}</dd>
        </div>
      </dl>
      <ActivityChart perMinute={c.activity.perMinute} label={`Activity of ${c.name}`} />
    </>
  );
}
