import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An identifier another system gave the patient (e.g. a referrer's MRN); one patient per identifier. */
@Entity({ name: 'patient_identifier' })
export class PatientIdentifierEntity {
  @PrimaryColumn({ type: 'text' })
  system!: string;

  @PrimaryColumn({ type: 'text' })
  value!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;
}
