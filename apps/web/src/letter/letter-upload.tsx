import { useState, type FormEvent } from 'react';
import { uploadLetter } from '../api/referrals-api';
import { Notice } from '../components/notice';
import { checkLetter, letterRefusal } from './check-letter';
import { LetterInput, type LetterChoice } from './letter-input';

/** Uploads (or replaces) a referral's letter: PUT /referrals/:id/letter with the PDF's bytes. */
export function LetterUpload({ referralId, initialError, onUploaded }: { referralId: string; initialError: string | null; onUploaded: () => void }) {
  const [choice, setChoice] = useState<LetterChoice>({ file: null, error: null });
  const [refusal, setRefusal] = useState<string | null>(initialError);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setRefusal(null);
    if (!choice.file) {
      setChoice({ file: null, error: 'Choose the letter to upload.' });
      document.getElementById('letter')?.focus();
      return;
    }
    const problem = choice.error ?? (await checkLetter(choice.file));
    if (problem) {
      setChoice({ ...choice, error: problem });
      document.getElementById('letter')?.focus();
      return;
    }
    setBusy(true);
    const answer = await uploadLetter(referralId, choice.file);
    setBusy(false);
    if (answer.ok) {
      setDone('The letter was uploaded.');
      onUploaded();
    } else if (answer.status !== 401) {
      setChoice({ ...choice, error: letterRefusal(answer.status, answer.problem.detail) });
      document.getElementById('letter')?.focus();
    }
  }

  return (
    <section aria-labelledby="letter-heading">
      <h2 id="letter-heading">Referral letter</h2>
      <Notice kind="alert">{refusal}</Notice>
      <Notice kind="status">{done}</Notice>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <LetterInput id="letter" label="Letter to upload or replace" required choice={choice} onChange={(c) => { setChoice(c); setDone(null); }} />
        <button type="submit" disabled={busy}>{busy ? 'Uploading…' : 'Upload the letter'}</button>
      </form>
    </section>
  );
}
