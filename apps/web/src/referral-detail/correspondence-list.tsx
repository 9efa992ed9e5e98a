import { moment } from '../api/plain-words';
import type { Correspondence } from '../api/referral-types';

/** The clinic's questions and the referrer's answers, oldest first. */
export function CorrespondenceList({ items }: { items: Correspondence[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="correspondence-heading">
      <h2 id="correspondence-heading">Questions and answers</h2>
      <ol className="correspondence">
        {items.map((item, i) => (
          <li key={`${item.at}-${i}`} className={`message message-${item.kind}`}>
            <p className="message-meta">{item.kind === 'question' ? 'The clinic asked' : 'You answered'}, {moment(item.at)}</p>
            <p>{item.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
