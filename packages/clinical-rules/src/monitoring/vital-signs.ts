import { z } from 'zod';

/**
 * Plausible ranges, wide on purpose: they reject typos and unit mix-ups (a systolic of 1200, an SpO2 of
 * 0.97), never a real extreme reading, which must reach the alert rules instead.
 */
export const systolicSchema = z.number().int().min(40).max(300);
export const diastolicSchema = z.number().int().min(20).max(200);
const heartRateSchema = z.number().int().min(0).max(300);
const spo2Schema = z.number().min(1).max(100);
const respiratoryRateSchema = z.number().int().min(0).max(80);

/** One set of vital signs; any may be missing (not measured). BP in mmHg, rates per minute, SpO2 in %. */
export const vitalSignsSchema = z.strictObject({
  systolic: systolicSchema.optional(),
  diastolic: diastolicSchema.optional(),
  heartRate: heartRateSchema.optional(),
  spo2: spo2Schema.optional(),
  respiratoryRate: respiratoryRateSchema.optional(),
});

export type VitalSigns = z.input<typeof vitalSignsSchema>;
