import { useState } from 'react';

/**
 * A button that asks first, in the page (no dialog): "Retry all failed?" with Confirm and Cancel. `run` does
 * the action and says what happened, which the caller shows.
 */
export function ConfirmAction({ label, question, run, busy }: { label: string; question: string; run: () => Promise<void>; busy: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <button
        type="button"
        autoFocus
        disabled={busy}
        onClick={() => {
          setAsking(false);
          void run();
        }}
      >
        Confirm: {label.toLowerCase()}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>Cancel</button>
    </div>
  );
}
