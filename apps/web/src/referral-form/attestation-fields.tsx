import { ATTESTATION_QUESTIONS, type AttestationKey } from './attestation-questions';
import type { Answer, ReferralFormValues } from './referral-form-values';

const CHOICES: ReadonlyArray<{ value: Answer; label: string }> = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: '', label: 'Not known' },
];

/** The screening questions, each yes, no or not known: an answer left unknown is sent as no answer at all. */
export function AttestationQuestions({ answers, onChange }: { answers: ReferralFormValues['attestations']; onChange: (answers: ReferralFormValues['attestations']) => void }) {
  const set = (key: AttestationKey, answer: Answer) => onChange({ ...answers, [key]: answer });
  return (
    <fieldset>
      <legend>Screening questions</legend>
      <p className="hint">Answer what you know; the clinic asks the patient about the rest.</p>
      {ATTESTATION_QUESTIONS.map(({ key, question }) => (
        <fieldset key={key} id={`attestation-${key}`} className="choices">
          <legend>{question}</legend>
          {CHOICES.map((choice) => {
            const id = `attestation-${key}-${choice.value || 'unknown'}`;
            return (
              <span key={id} className="choice">
                <input type="radio" id={id} name={`attestation-${key}`} value={choice.value} checked={(answers[key] ?? '') === choice.value} onChange={() => set(key, choice.value)} />
                <label htmlFor={id}>{choice.label}</label>
              </span>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}
