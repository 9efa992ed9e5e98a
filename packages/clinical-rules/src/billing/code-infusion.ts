import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { domainRef } from '../findings/source';
import type { ServiceLine } from './billing-line';

export interface InfusionCodingInput {
  /** Whole minutes of infusion time, from the start of the administration to its end (seconds dropped). */
  minutes: number;
  /** The ketamine given, in mg. */
  doseMg: number;
}

/** 96365 needs more than 15 min; 15 min or less is an IV push (DOMAIN.md §3.5). */
const PUSH_MAX_MINUTES = 15;
/** 96365 covers the first hour; +96366 each further hour, counted when more than 30 min of it are used. */
const FIRST_HOUR_MINUTES = 60;
const ADD_ON_THRESHOLD_MINUTES = 30;

const infusionCodingSchema = z.strictObject({
  // A day at most: past that the clock, not the infusion, is wrong.
  minutes: z.number().int().min(0).max(24 * 60),
  doseMg: z.number().positive().max(10_000),
});

/** The 96365 add-on hours: 0 up to 90 min, 1 from 91 to 150, 2 from 151 to 210, and so on. */
export function additionalHours(minutes: number): number {
  return Math.max(0, Math.ceil((minutes - FIRST_HOUR_MINUTES - ADD_ON_THRESHOLD_MINUTES) / FIRST_HOUR_MINUTES));
}

const mg = (dose: number) => `${Math.round(dose * 100) / 100} mg`;

/**
 * The codes of one IV ketamine infusion (DOMAIN.md §3.5): the administration by its length, 96374 (IV push) up
 * to 15 min, else 96365 and +96366 for each additional hour; and the drug, J3490 (unclassified drugs), one unit
 * for the infusion's ketamine with the dose in its description, as unclassified-drug claims name the drug.
 */
export function codeInfusion(input: InfusionCodingInput): ServiceLine[] {
  const { minutes, doseMg } = parseInput(infusionCodingSchema, input);
  const administration: ServiceLine[] = minutes <= PUSH_MAX_MINUTES
    ? [{
      system: 'CPT', code: '96374', units: 1,
      description: 'IV push, single or initial substance/drug (an infusion of 15 min or less)',
      source: domainRef('§3.5 (96374: IV push, instead of 96365 when the infusion lasts 15 min or less)'),
    }]
    : [{
      system: 'CPT', code: '96365', units: 1,
      description: 'IV infusion for therapy, prophylaxis or diagnosis (ketamine); initial, up to 1 hour',
      source: domainRef('§3.5 (96365: initial, up to 1 hour; more than 15 min of infusion time)'),
    }];
  // An IV push has no add-on: 15 min is far from the 91 the first one needs.
  const extraHours = additionalHours(minutes);
  const addOn: ServiceLine[] = extraHours > 0
    ? [{
      system: 'CPT', code: '96366', units: extraHours,
      description: 'IV infusion for therapy, prophylaxis or diagnosis; each additional hour (add-on to 96365)',
      source: domainRef('§3.5 (+96366: each additional hour, for more than 30 min beyond each hour)'),
    }]
    : [];
  const drug: ServiceLine = {
    system: 'HCPCS', code: 'J3490', units: 1,
    description: `Unclassified drugs: ketamine hydrochloride ${mg(doseMg)} IV`,
    source: domainRef('§3.5 (J3490: unclassified drugs, for IV ketamine with the infusion codes)'),
  };
  return [...administration, ...addOn, drug];
}
