import type { Identifier } from './identifier';

/**
 * One measurement taken of a patient (DOMAIN.md §2.6, §3.1): vital signs in UCUM units, pain on the 0-10
 * verbal scale, and pregnancy status. Each kind is one Observation.
 */
export type Measurement =
  | { kind: 'blood-pressure'; systolic: number; diastolic: number }
  | { kind: 'heart-rate'; perMinute: number }
  | { kind: 'respiratory-rate'; perMinute: number }
  | { kind: 'oxygen-saturation'; percent: number }
  | { kind: 'body-weight'; kg: number }
  | { kind: 'pain'; score: number }
  | { kind: 'pregnancy-status'; pregnant: boolean };

export type MeasurementKind = Measurement['kind'];

export interface MeasurementRecord {
  id: string;
  patientId: string;
  /** The infusion encounter it was taken in, if any. */
  encounterId?: string;
  measurement: Measurement;
  effectiveAt: string;
  /** The sender's own identifiers, kept so that it finds its records by them (and If-None-Exist can match). */
  identifiers?: Identifier[];
}
