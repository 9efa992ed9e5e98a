import { z } from 'zod';
import { vitalSignsSchema } from '../monitoring/vital-signs';

/** Blood pressure and heart rate are always compared; SpO2 and respiratory rate when the baseline has them. */
const dischargeVitalsSchema = vitalSignsSchema.required({ systolic: true, diastolic: true, heartRate: true });

const instant = z.iso.datetime({ offset: true });

export const dischargeInputSchema = z
  .strictObject({
    infusionEndedAt: instant,
    now: instant,
    baseline: dischargeVitalsSchema,
    current: dischargeVitalsSchema,
    /** undefined: nobody has confirmed it, which is not a yes. */
    responsibleAdultPresent: z.boolean().optional(),
  })
  .refine((i) => Date.parse(i.now) >= Date.parse(i.infusionEndedAt), { path: ['now'], message: 'is before infusionEndedAt' });

export type DischargeInput = z.input<typeof dischargeInputSchema>;
export type DischargeVitals = z.output<typeof dischargeVitalsSchema>;
