import { Link } from '../components/link';
import { PageHeading } from '../components/page-heading';
import { paths } from '../routing/routes';

/** A page or a referral that is not there for this referrer (another referrer's referral answers 404 too). */
export function NotFoundPage({ what }: { what: 'page' | 'referral' }) {
  return (
    <>
      <PageHeading title={what === 'referral' ? 'No referral found' : 'Page not found'} />
      <p>
        {what === 'referral'
          ? 'There is no referral here that you sent. Check the link, or find the referral in your list.'
          : 'There is no page at this address.'}
      </p>
      <p><Link href={paths.referrals()}>Go to my referrals</Link></p>
    </>
  );
}
