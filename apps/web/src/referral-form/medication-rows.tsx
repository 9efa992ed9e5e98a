import { TextField } from '../components/fields';
import type { MedicationRow } from './referral-form-values';

const MAX_ROWS = 50;

interface Props {
  rows: MedicationRow[];
  error: (field: string) => string | undefined;
  /** The new rows, and the field changed (its server error is cleared). */
  onChange: (rows: MedicationRow[], field: string) => void;
  onBlur: (field: string) => void;
}

/** The patient's current medications: a row each, with a name, an RxNorm code, or both, and a dosage. */
export function MedicationRows({ rows, error, onChange, onBlur }: Props) {
  const edit = (key: number, part: 'name' | 'rxnorm' | 'dosage', value: string) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, [part]: value } : r)), `medication-${key}-${part}`);
  function add() {
    const key = Math.max(0, ...rows.map((r) => r.key)) + 1;
    onChange([...rows, { key, name: '', rxnorm: '', dosage: '' }], 'medications');
    // The new row's first input, once it is in the page.
    setTimeout(() => document.getElementById(`medication-${key}-name`)?.focus());
  }
  function remove(key: number, index: number) {
    onChange(rows.filter((r) => r.key !== key), 'medications');
    setTimeout(() => document.getElementById(index > 0 ? `medication-remove-${rows[index - 1]!.key}` : 'medication-add')?.focus());
  }
  const field = (row: MedicationRow, part: 'name' | 'rxnorm' | 'dosage') => ({
    id: `medication-${row.key}-${part}`,
    value: row[part],
    onChange: (e: { target: { value: string } }) => edit(row.key, part, e.target.value),
    onBlur: () => onBlur(`medication-${row.key}-${part}`),
    error: error(`medication-${row.key}-${part}`),
    autoComplete: 'off',
  });

  return (
    <fieldset>
      <legend>Current medications</legend>
      <p className="hint">Each medication the patient takes now: its name, its RxNorm code, or both.</p>
      {rows.length === 0 ? <p>No medications listed.</p> : null}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="medication-row">
          <legend>Medication {index + 1}</legend>
          <TextField label="Name" hint="For example, Sertraline 100 mg tablet." {...field(row, 'name')} />
          <TextField label="RxNorm code" inputMode="numeric" {...field(row, 'rxnorm')} />
          <TextField label="Dosage" optional hint="For example, 100 mg once a day." {...field(row, 'dosage')} />
          <button type="button" className="secondary" id={`medication-remove-${row.key}`} onClick={() => remove(row.key, index)}>
            Remove medication {index + 1}
          </button>
        </fieldset>
      ))}
      <p className="field-error" aria-live="polite">{error('medications')}</p>
      <button type="button" className="secondary" id="medication-add" disabled={rows.length >= MAX_ROWS} onClick={add}>
        Add a medication
      </button>
    </fieldset>
  );
}
