import { fullName, dayOf, showsReason, stageLabel } from '../api/plain-words';
import { listReferrals } from '../api/referrals-api';
import { Link } from '../components/link';
import { Notice } from '../components/notice';
import { PageHeading } from '../components/page-heading';
import { usePolledAnswer } from '../components/use-polling';
import { paths } from '../routing/routes';

/** The referrer's referrals, newest first, each with its stage in plain words; kept current by polling. */
export function ReferralsPage() {
  const { body: referrals, error } = usePolledAnswer(listReferrals, 'Your referrals could not be loaded');

  return (
    <>
      <PageHeading title="My referrals" />
      <p><Link href={paths.newReferral()} className="button">Send a new referral</Link></p>
      <Notice kind="alert">{error}</Notice>
      {referrals === null ? (
        error ? null : <p role="status">Loading your referrals…</p>
      ) : referrals.length === 0 ? (
        <p>You have not sent a referral yet.</p>
      ) : (
        <ul className="referral-list" aria-label="Referrals, newest first">
          {referrals.map((r) => (
            <li key={r.id} className="referral-card">
              <h2><Link href={paths.referral(r.id)}>{fullName(r.patient.name)}</Link></h2>
              <dl>
                <div><dt>Condition</dt><dd>{r.indication.display ?? r.indication.code}</dd></div>
                <div><dt>Received</dt><dd>{dayOf(r.createdAt)}</dd></div>
                <div><dt>Status</dt><dd><span className={`stage stage-${r.stage}`}>{stageLabel(r.stage)}</span></dd></div>
                {showsReason(r.stage) && r.statusReason ? <div><dt>{r.stage === 'declined' ? 'Why' : 'The clinic asks'}</dt><dd>{r.statusReason}</dd></div> : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
