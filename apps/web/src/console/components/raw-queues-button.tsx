import { useState } from 'react';
import { queuesTicket } from '../api/ops-api';

/** Fetches a one-time ticket into Bull Board and opens it in a new tab. */
export function RawQueuesButton() {
  const [error, setError] = useState<string | null>(null);
  async function open() {
    const answer = await queuesTicket();
    if (answer.ok) {
      setError(null);
      // Still within the click's user activation, so the browser lets the tab open; noopener keeps it apart.
      window.open(answer.body.url, '_blank', 'noopener,noreferrer');
    } else if (answer.status !== 401) {
      setError(`The raw queues could not be opened: ${answer.problem.detail}`);
    }
  }
  return (
    <>
      <button type="button" className="link-button" onClick={() => void open()}>Raw queues (Bull Board)</button>
      {error ? <span role="alert" className="inline-error">{error}</span> : null}
    </>
  );
}
