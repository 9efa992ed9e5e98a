import { SEXES } from '@keta/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Me } from '../api/referral-types';
import { createReferral, uploadLetter } from '../api/referrals-api';
import { Select, TextArea, TextField } from '../components/fields';
import { Notice } from '../components/notice';
import { PageHeading } from '../components/page-heading';
import { checkLetter, letterRefusal } from '../letter/check-letter';
import { LetterInput, type LetterChoice } from '../letter/letter-input';
import { AttestationQuestions } from '../referral-form/attestation-fields';
import { serverFieldErrors, validateReferral, type FieldErrors } from '../referral-form/field-errors';
import { IndicationOptions } from '../referral-form/indication-options';
import { MedicationRows } from '../referral-form/medication-rows';
import { emptyForm, type ReferralFormValues } from '../referral-form/referral-form-values';
import { navigate } from '../routing/navigation';
import { paths } from '../routing/routes';
import type { ReferralPageState } from './referral-page';

const SEX_LABELS: Record<(typeof SEXES)[number], string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

/**
 * A new referral: validated as the referrer goes with the API's own schema (referralIntakeSchema), then sent
 * (POST /referrals) and its letter uploaded (PUT /referrals/:id/letter).
 */
export function NewReferralPage({ referrer }: { referrer: Me }) {
  const [values, setValues] = useState<ReferralFormValues>(() => ({ ...emptyForm(), referrerName: referrer.displayName }));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [letter, setLetter] = useState<LetterChoice>({ file: null, error: null });
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const validation = validateReferral(values);
  const clientErrors = validation.ok ? {} : validation.errors;
  const shown: FieldErrors = { ...(submitted ? clientErrors : pick(clientErrors, touched)), ...serverErrors };
  const error = (field: string): string | undefined => shown[field];

  // After a refused submit: focus the first field at fault, in the order of the page.
  useEffect(() => {
    if (focusRequest > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  function change(field: string, patch: Partial<ReferralFormValues>, { now = false } = {}) {
    setValues((v) => ({ ...v, ...patch }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
    if (now) touch(field);
  }
  const text = (field: keyof ReferralFormValues & string) => ({
    value: values[field] as string,
    onChange: (e: { target: { value: string } }) => change(field, { [field]: e.target.value }),
    onBlur: () => touch(field),
    error: error(field),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setProblem(null);
    const letterProblem = letter.file ? (letter.error ?? (await checkLetter(letter.file))) : null;
    if (letterProblem) setLetter({ ...letter, error: letterProblem });
    if (!validation.ok || letterProblem) {
      setProblem('The referral was not sent: correct the fields marked below.');
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(true);
    const created = await createReferral(validation.intake);
    if (!created.ok) {
      setBusy(false);
      if (created.status === 401) return;
      setServerErrors(serverFieldErrors(created.problem.errors, values));
      setProblem(`The referral was not sent: ${created.problem.detail}`);
      setFocusRequest((n) => n + 1);
      return;
    }
    const id = created.body.id;
    let state: ReferralPageState = { sent: true, letterError: null };
    if (letter.file) {
      const uploaded = await uploadLetter(id, letter.file);
      if (!uploaded.ok) state = { sent: true, letterError: letterRefusal(uploaded.status, uploaded.problem.detail) };
    }
    navigate(paths.referral(id), { state });
  }

  return (
    <>
      <PageHeading title="New referral" />
      <p>Fields are required unless marked optional. The clinic screens the referral as soon as it arrives.</p>
      <Notice kind="alert">{problem}</Notice>
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>The patient</legend>
          <TextField id="given" label="Given names" hint="First and middle names, separated by spaces." autoComplete="off" required {...text('given')} />
          <TextField id="family" label="Family name" autoComplete="off" required {...text('family')} />
          <TextField id="birthDate" label="Birth date" type="date" required {...text('birthDate')} />
          <Select id="sex" label="Sex" required value={values.sex} error={error('sex')}
            onChange={(e) => change('sex', { sex: e.target.value }, { now: true })} onBlur={() => touch('sex')}>
            <option value="">Choose</option>
            {SEXES.map((s) => <option key={s} value={s}>{SEX_LABELS[s]}</option>)}
          </Select>
          <TextField id="phone" label="Patient's phone" type="tel" autoComplete="off" optional {...text('phone')} />
          <TextField id="email" label="Patient's email" type="email" autoComplete="off" optional {...text('email')} />
          <TextField id="mrn" label="Patient's record number at your practice (MRN)" autoComplete="off" optional {...text('mrn')} />
          <TextField id="mrnSystem" label="Record system of that number" hint="A web address that names your practice's record system, e.g. https://your-practice.example/mrn." type="url" autoComplete="off" optional {...text('mrnSystem')} />
        </fieldset>

        <fieldset>
          <legend>You, the referrer</legend>
          <TextField id="referrerName" label="Your name" autoComplete="name" required {...text('referrerName')} />
          <TextField id="npi" label="Your NPI" hint="Your 10-digit National Provider Identifier." inputMode="numeric" autoComplete="off" required {...text('npi')} />
          <TextField id="organization" label="Your organization" autoComplete="organization" optional {...text('organization')} />
          <TextField id="referrerPhone" label="Your phone" type="tel" autoComplete="tel" optional {...text('referrerPhone')} />
        </fieldset>

        <fieldset>
          <legend>Condition and reason</legend>
          <Select id="indication" label="Condition (coded diagnosis)" required value={values.indication} error={error('indication')}
            onChange={(e) => change('indication', { indication: e.target.value }, { now: true })} onBlur={() => touch('indication')}>
            <IndicationOptions />
          </Select>
          <TextArea id="reason" label="Reason for the referral" hint="What has been tried, and why you refer the patient now." rows={5} required {...text('reason')} />
        </fieldset>

        <AttestationQuestions answers={values.attestations} onChange={(attestations) => change('attestations', { attestations })} />

        <MedicationRows
          rows={values.medications}
          error={error}
          onChange={(medications, field) => change(field, { medications })}
          onBlur={touch}
        />

        <fieldset>
          <legend>Referral letter</legend>
          <LetterInput id="letter" label="The referral letter" choice={letter} onChange={setLetter} />
          <p className="hint">The clinic needs the letter to accept the referral; you can also add it later from the referral&apos;s page.</p>
        </fieldset>

        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send the referral'}</button>
      </form>
    </>
  );
}

function pick(errors: FieldErrors, fields: ReadonlySet<string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => fields.has(field)));
}
