import { ledgerSearchSchema } from '@keta/domain';
import type { LedgerQuery } from '../api/ops-api';
import { useEffect, useState, type FormEvent } from 'react';
import { Select, TextField } from '../../components/fields';
import { Notice } from '../../components/notice';
import { listConnections, searchLedger } from '../api/ops-api';
import { LEDGER_STATUSES, type ConnectionHealth, type LedgerRecord } from '@keta/domain';
import { when } from '../api/ops-words';
import { ConsoleHeading } from '../components/console-heading';

const STATUS_LABELS: Record<string, string> = { synced: 'Synced', failed: 'Failed', 'dead-letter': 'Dead letter', withheld: 'Withheld' };
const ID_FIELDS = [
  ['resourceId', 'Record id'],
  ['referralId', 'Referral id'],
  ['patientId', 'Patient id'],
] as const;

type Errors = Partial<Record<keyof LedgerQuery, string>>;

const LABELS: Record<keyof LedgerQuery, string> = {
  connectionId: 'Connection', resourceId: 'Record id', referralId: 'Referral id', patientId: 'Patient id',
  resourceType: 'Resource type', status: 'Status', from: 'Updated from', to: 'Updated to',
};

/** A datetime-local value (the browser's local time) as an ISO instant; what is no time is left for the schema to refuse. */
function instant(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/** The form as the API's query, checked with the API's own schema: the query, or each field's error. */
function check(form: LedgerQuery): { query: LedgerQuery; errors: Errors } {
  const query: LedgerQuery = {};
  for (const [key, value] of Object.entries(form) as Array<[keyof LedgerQuery, string | undefined]>) {
    const trimmed = value?.trim();
    if (trimmed) query[key] = key === 'from' || key === 'to' ? instant(trimmed) : trimmed;
  }
  const parsed = ledgerSearchSchema.safeParse(query);
  const errors: Errors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof LedgerQuery;
      if (key in LABELS && !errors[key]) errors[key] = key === 'from' && /after/.test(issue.message) ? 'Updated from must not be after Updated to.' : `${LABELS[key]} ${issue.message}.`;
    }
  }
  return { query, errors };
}

/** The sync ledger, searched by ids, type, status and time: one row per (connection, record). */
export function SearchPage() {
  const [form, setForm] = useState<LedgerQuery>({});
  const [errors, setErrors] = useState<Errors>({});
  const [results, setResults] = useState<LedgerRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [connections, setConnections] = useState<ConnectionHealth[]>([]);

  useEffect(() => {
    void listConnections().then((answer) => answer.ok && setConnections(answer.body));
  }, []);
  const nameOf = (id: string) => connections.find((c) => c.id === id)?.name ?? id;
  const set = (key: keyof LedgerQuery) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { query, errors: found } = check(form);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`search-${first}`)?.focus();
      return;
    }
    setBusy(true);
    const answer = await searchLedger(query);
    setBusy(false);
    if (answer.ok) {
      setResults(answer.body);
      setError(null);
    } else if (answer.status !== 401) {
      setError(`The search failed: ${answer.problem.detail}`);
    }
  }

  return (
    <>
      <ConsoleHeading title="Search the sync ledger" />
      <Notice kind="alert">{error}</Notice>
      <form onSubmit={(e) => void submit(e)} noValidate className="search-form" aria-label="Sync ledger search">
        <Select id="search-connectionId" label="Connection" optional value={form.connectionId ?? ''} onChange={set('connectionId')}>
          <option value="">Any</option>
          {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </Select>
        {ID_FIELDS.map(([key, label]) => (
          <TextField key={key} id={`search-${key}`} label={label} optional autoComplete="off" spellCheck={false} value={form[key] ?? ''} error={errors[key]} onChange={set(key)} />
        ))}
        <TextField id="search-resourceType" label="Resource type" optional hint="Patient, Task, Consent…" autoComplete="off" value={form.resourceType ?? ''} error={errors.resourceType} onChange={set('resourceType')} />
        <Select id="search-status" label="Status" optional value={form.status ?? ''} onChange={set('status')}>
          <option value="">Any</option>
          {LEDGER_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </Select>
        <TextField id="search-from" label="Updated from" optional type="datetime-local" value={form.from ?? ''} error={errors.from} onChange={set('from')} />
        <TextField id="search-to" label="Updated to" optional type="datetime-local" value={form.to ?? ''} error={errors.to} onChange={set('to')} />
        <button type="submit" disabled={busy}>{busy ? 'Searching…' : 'Search'}</button>
      </form>
      <div role="status" className="result-count">{results === null ? null : `${results.length} ${results.length === 1 ? 'record' : 'records'} found${results.length === 100 ? ' (the first 100)' : ''}`}</div>
      {results && results.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Sync ledger records" tabIndex={0}>
          <table className="data">
            <caption className="visually-hidden">Sync ledger records</caption>
            <thead><tr><th scope="col">Connection</th><th scope="col">Record</th><th scope="col">Patient id</th><th scope="col">Status</th><th scope="col">Remote id</th><th scope="col">Attempts</th><th scope="col">Error</th><th scope="col">Updated</th></tr></thead>
            <tbody>
              {results.map((r) => (
                <tr key={`${r.connectionId}/${r.resourceType}/${r.resourceId}`}>
                  <td>{nameOf(r.connectionId)}</td>
                  <td>{r.resourceType} <code>{r.resourceId}</code> v{r.localVersion}</td>
                  <td><code>{r.patientId}</code></td>
                  <td>{STATUS_LABELS[r.status] ?? r.status}</td>
                  <td><code>{r.remoteId ?? '—'}</code></td>
                  <td>{r.attempts}</td>
                  <td><code>{r.lastErrorCode ?? '—'}</code></td>
                  <td>{when(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
