import { useCallback, useState } from 'react';
import { calendarDate, dayOf, fullName, showsReason, stageLabel } from '../api/plain-words';
import type { ReferralDetail } from '../api/referral-types';
import { getReferral } from '../api/referrals-api';
import { Notice } from '../components/notice';
import { PageHeading } from '../components/page-heading';
import { usePolling } from '../components/use-polling';
import { LetterUpload } from '../letter/letter-upload';
import { AnswerForm } from '../referral-detail/answer-form';
import { ClosingSummaryView } from '../referral-detail/closing-summary';
import { CorrespondenceList } from '../referral-detail/correspondence-list';
import { NotFoundPage } from './not-found-page';

/** What the new-referral page hands over when it opens the referral it just sent. */
export interface ReferralPageState {
  sent: boolean;
  /** The API refused the letter: the referrer uploads it again here. */
  letterError: string | null;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'found'; referral: ReferralDetail; etag: string | null }
  | { state: 'not-found' }
  | { state: 'failed'; message: string };

/** Stages after which the referral takes no more letters or answers. */
const CLOSED = new Set(['completed', 'declined', 'cancelled']);

/** One referral: its stage (kept current by polling), the clinic's questions and the answers, the letter, the closing summary. */
export function ReferralPage({ id }: { id: string }) {
  const [arrival] = useState<ReferralPageState | null>(() => (history.state as ReferralPageState | null) ?? null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // News about the referral at one stage (an answer sent): it goes once the stage moves on.
  const [notice, setNotice] = useState<{ text: string; stage: string | null } | null>(null);

  const refresh = useCallback(async () => {
    const answer = await getReferral(id);
    if (answer.ok) setLoaded({ state: 'found', referral: answer.body, etag: answer.etag });
    // A referral of another referrer answers 404 too: the page says no more than that.
    else if (answer.status === 404 || answer.status === 400) setLoaded({ state: 'not-found' });
    else if (answer.status !== 401) setLoaded((l) => (l.state === 'found' ? l : { state: 'failed', message: answer.problem.detail }));
  }, [id]);
  usePolling(refresh);

  if (loaded.state === 'loading') return <p role="status">Loading the referral…</p>;
  if (loaded.state === 'not-found') return <NotFoundPage what="referral" />;
  if (loaded.state === 'failed') {
    return (
      <>
        <PageHeading title="Referral" />
        <p role="alert">The referral could not be loaded: {loaded.message}</p>
      </>
    );
  }
  const { referral, etag } = loaded;
  const name = fullName(referral.patient.demographics.name);
  return (
    <>
      <PageHeading title={`Referral for ${name}`} />
      {arrival?.sent ? <Notice kind="status">Your referral was sent.</Notice> : null}
      <Notice kind="status">{notice && (notice.stage === null || notice.stage === referral.stage) ? notice.text : null}</Notice>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <div aria-live="polite" aria-atomic="true" className="status-box">
          <p className={`stage stage-${referral.stage}`} data-testid="stage">{stageLabel(referral.stage)}</p>
          {showsReason(referral.stage) && referral.statusReason ? (
            <p>{referral.stage === 'declined' ? 'Why: ' : 'The clinic asks: '}{referral.statusReason}</p>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Referral</h2>
        <dl className="details">
          <div><dt>Patient</dt><dd>{name}</dd></div>
          <div><dt>Birth date</dt><dd>{calendarDate(referral.patient.demographics.birthDate)}</dd></div>
          <div><dt>Condition</dt><dd>{referral.indication.display ?? referral.indication.code}</dd></div>
          <div><dt>Received</dt><dd>{dayOf(referral.createdAt)}</dd></div>
          <div><dt>Reason</dt><dd>{referral.reason}</dd></div>
        </dl>
      </section>
      <CorrespondenceList items={referral.correspondence ?? []} />
      {referral.stage === 'needs-information' && etag ? (
        <AnswerForm
          referralId={referral.id}
          etag={etag}
          onAnswered={(updated, newEtag) => {
            setLoaded({ state: 'found', referral: updated, etag: newEtag });
            setNotice({ text: 'Your answer was sent to the clinic.', stage: updated.stage });
          }}
          onStale={async () => {
            setNotice({ text: 'This referral changed; here is the latest.', stage: null });
            await refresh();
          }}
        />
      ) : null}
      {referral.closingSummary ? <ClosingSummaryView summary={referral.closingSummary} /> : null}
      {CLOSED.has(referral.stage) ? null : (
        <LetterUpload referralId={referral.id} initialError={arrival?.letterError ?? null} onUploaded={() => void refresh()} />
      )}
    </>
  );
}
