import { FieldError } from '../components/fields';
import { checkLetter, LETTER_LIMIT_BYTES, megabytes } from './check-letter';

export interface LetterChoice {
  file: File | null;
  /** Why the chosen file cannot be the letter (the portal's check, or the API's answer). */
  error: string | null;
}

/** The letter's file input: checked as soon as a file is chosen (a PDF, not empty, within the limit). */
export function LetterInput({ id, label, choice, onChange, required = false }: { id: string; label: string; choice: LetterChoice; onChange: (choice: LetterChoice) => void; required?: boolean }) {
  const error = choice.error ?? undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="label">
        {label}
        {required ? null : <span className="optional"> (optional)</span>}
      </label>
      <p id={`${id}-hint`} className="hint">A PDF of at most {megabytes(LETTER_LIMIT_BYTES)}.</p>
      <input
        id={id}
        name={id}
        type="file"
        accept="application/pdf,.pdf"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          if (!file) return onChange({ file: null, error: null });
          void checkLetter(file).then((problem) => onChange({ file, error: problem }));
        }}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}
