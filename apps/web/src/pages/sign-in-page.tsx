import { useState, type FormEvent } from 'react';
import { signIn } from '../api/referrals-api';
import { TextField } from '../components/fields';
import { Notice } from '../components/notice';
import { PageHeading } from '../components/page-heading';
import { startSession } from '../session/session';

/** Email and password; the token goes into the session (memory and sessionStorage, never a cookie). */
export function SignInPage({ notice, intro = 'Sign in with the email and password the clinic gave you, to send referrals and follow them.', site }: { notice: string | null; intro?: string; site?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    const answer = await signIn(email.trim(), password);
    setBusy(false);
    if (answer.ok) {
      startSession(answer.body.accessToken, answer.body.expiresIn);
      return;
    }
    setPassword('');
    if (answer.status === 429) {
      const minutes = Math.max(1, Math.ceil((answer.retryAfterSeconds ?? 60) / 60));
      setError(`Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    } else if (answer.status === 401) {
      setError(answer.problem.detail || 'The email or the password is wrong.');
    } else {
      setError(answer.problem.detail);
    }
  }

  return (
    <>
      <PageHeading title="Sign in" site={site} />
      <p>{intro}</p>
      {notice ? <Notice kind="status">{notice}</Notice> : null}
      <Notice kind="alert">{error}</Notice>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <TextField id="email" label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField id="password" label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </>
  );
}
