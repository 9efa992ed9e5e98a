import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface Described {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Required of the referrer (aria-required; the schema decides, this only tells). */
  required?: boolean;
  /** Says "(optional)" in the label. */
  optional?: boolean;
}

/** The ids a control is described by: its hint, then its error when there is one. */
function describedBy({ id, hint, error }: Described): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Label({ id, label, optional }: Described) {
  return (
    <label htmlFor={id} className="label">
      {label}
      {optional ? <span className="optional"> (optional)</span> : null}
    </label>
  );
}

function Hint({ id, hint }: Described) {
  return hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null;
}

/** The error next to a field; always in the page so that screen readers announce it when it appears. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return (
    <p id={`${id}-error`} className="field-error" aria-live="polite">
      {error ? <><span className="visually-hidden">Error: </span>{error}</> : null}
    </p>
  );
}

function Field(props: Described & { children: ReactNode }) {
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <Label {...props} />
      <Hint {...props} />
      {props.children}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

type Control<E> = Described & Omit<E, 'id'>;

export function TextField({ id, label, hint, error, required, optional, ...input }: Control<InputHTMLAttributes<HTMLInputElement>>) {
  const d = { id, label, hint, error, required, optional };
  return (
    <Field {...d}>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(d)} aria-required={required || undefined} {...input} />
    </Field>
  );
}

export function TextArea({ id, label, hint, error, required, optional, ...input }: Control<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const d = { id, label, hint, error, required, optional };
  return (
    <Field {...d}>
      <textarea id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(d)} aria-required={required || undefined} {...input} />
    </Field>
  );
}

export function Select({ id, label, hint, error, required, optional, children, ...input }: Control<SelectHTMLAttributes<HTMLSelectElement>>) {
  const d = { id, label, hint, error, required, optional };
  return (
    <Field {...d}>
      <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(d)} aria-required={required || undefined} {...input}>
        {children}
      </select>
    </Field>
  );
}
