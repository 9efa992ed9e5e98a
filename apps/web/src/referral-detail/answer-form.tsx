import { referralAnswerSchema } from '@keta/domain';
import { useState, type FormEvent } from 'react';
import type { ReferralDetail } from '../api/referral-types';
import { answerQuestion } from '../api/referrals-api';
import { TextArea } from '../components/fields';

interface Props {
  referralId: string;
  /** The version the referrer read: the answer is refused (412) if the referral changed since. */
  etag: string;
  onAnswered: (referral: ReferralDetail, etag: string | null) => void;
  onStale: () => Promise<void>;
}

/** The referrer's answer to the clinic's question: POST /referrals/:id/answers with If-Match. */
export function AnswerForm({ referralId, etag, onAnswered, onStale }: Props) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The API's own schema: an answer of 1 to 4000 characters.
    const checked = referralAnswerSchema.safeParse({ answer });
    if (!checked.success) {
      setError(answer.trim() ? 'Your answer is too long: at most 4000 characters.' : 'Enter your answer.');
      document.getElementById('answer')?.focus();
      return;
    }
    setBusy(true);
    const sent = await answerQuestion(referralId, checked.data.answer, etag);
    setBusy(false);
    if (sent.ok) {
      setAnswer('');
      setError(undefined);
      onAnswered(sent.body, sent.etag);
    } else if (sent.status === 412) {
      setError(undefined);
      await onStale();
    } else if (sent.status !== 401) {
      setError(sent.problem.detail);
      document.getElementById('answer')?.focus();
    }
  }

  return (
    <section aria-labelledby="answer-heading">
      <h2 id="answer-heading">Answer the clinic</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextArea id="answer" label="Your answer" rows={4} required value={answer} error={error}
          onChange={(e) => { setAnswer(e.target.value); setError(undefined); }} />
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send the answer'}</button>
      </form>
    </section>
  );
}
