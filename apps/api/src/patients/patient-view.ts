import type { PatientRecord } from '@keta/domain';

/** A patient as the front desk reads and changes them: the record, and the version a change names (If-Match). */
export interface PatientView extends PatientRecord {
  version: number;
}
