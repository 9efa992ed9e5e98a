import { resyncSchema } from '@keta/domain';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/fields';
import { resync } from '../api/ops-api';
import { plural } from '../api/ops-words';

/** Sends everything Keta holds for one patient (by internal id, never a name) to this connection again. */
export function ResyncForm({ connectionId, busy, onDone }: { connectionId: string; busy: boolean; onDone: (message: string) => void }) {
  const [patientId, setPatientId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = patientId.trim();
    // The API's own schema: what it would refuse is not sent.
    if (!resyncSchema.safeParse({ patientId: id }).success) {
      setError(id ? 'A patient id is a UUID, like 3f2b8c1e-…: 36 characters with dashes.' : 'Enter the patient id.');
      document.getElementById('resync-patient')?.focus();
      return;
    }
    setError(undefined);
    setSending(true);
    const answer = await resync(connectionId, id);
    setSending(false);
    if (answer.ok) {
      setPatientId('');
      onDone(`Resync of patient ${id}: ${plural(answer.body.queued, 'job')} queued`);
    } else if (answer.status !== 401) {
      setError(answer.problem.errors[0]?.message ?? answer.problem.detail);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow resync" aria-labelledby="resync-heading">
      <h3 id="resync-heading">Resync a patient</h3>
      <TextField id="resync-patient" label="Patient id (internal UUID)" hint="Sends every record of this patient to this EHR again." autoComplete="off" spellCheck={false}
        required value={patientId} error={error} onChange={(e) => {
          setPatientId(e.target.value);
          setError(undefined);
        }} />
      <button type="submit" disabled={busy || sending}>{sending ? 'Queuing…' : 'Resync patient'}</button>
    </form>
  );
}
