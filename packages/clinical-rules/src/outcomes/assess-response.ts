import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import type { Source } from '../findings/source';
import { INSTRUMENT_DEFINITIONS, totalSchema, type Instrument } from './instrument';

export type ResponseCategory = 'response' | 'partial' | 'none' | 'worse';

export interface ResponseInput {
  instrument: Instrument;
  baseline: number;
  current: number;
}

export interface ResponseAssessment {
  /** current - baseline: negative is an improvement. */
  change: number;
  /** change as a percentage of baseline, to one decimal (-50 is a 50 % drop); null when baseline is 0. */
  percentChange: number | null;
  category: ResponseCategory;
  remission: boolean;
  sources: { category: Source; remission: Source };
}

const responseInputSchema = z.discriminatedUnion('instrument', [
  z.strictObject({ instrument: z.literal('phq9'), baseline: totalSchema('phq9'), current: totalSchema('phq9') }),
  z.strictObject({ instrument: z.literal('gad7'), baseline: totalSchema('gad7'), current: totalSchema('gad7') }),
]);

/**
 * Response >= 50 % drop, partial 25-50 %, none below, worse on any rise. Compared in integers so a drop of
 * exactly 50 % is a response whatever the floating point says. A baseline of 0 cannot drop: 'none' while it
 * stays 0, 'worse' once it rises.
 */
function categoryOf(baseline: number, current: number): ResponseCategory {
  if (current > baseline) return 'worse';
  const drop = baseline - current;
  if (baseline > 0 && 2 * drop >= baseline) return 'response';
  if (baseline > 0 && 4 * drop >= baseline) return 'partial';
  return 'none';
}

const roundToTenth = (value: number) => Math.sign(value) * Math.round(Math.abs(value) * 10) / 10;

/** For totals already validated (clinicResponseRate validates a whole series first). */
export function classifyResponse({ instrument, baseline, current }: ResponseInput): ResponseAssessment {
  const definition = INSTRUMENT_DEFINITIONS[instrument];
  const change = current - baseline;
  return {
    change,
    percentChange: baseline === 0 ? null : roundToTenth((100 * change) / baseline),
    category: categoryOf(baseline, current),
    remission: current < definition.remissionBelow,
    sources: { category: definition.responseSource, remission: definition.remissionSource },
  };
}

/** Response and remission from a baseline and a current total of the same instrument (DOMAIN.md §4.1). */
export function assessResponse(input: ResponseInput): ResponseAssessment {
  return classifyResponse(parseInput(responseInputSchema, input));
}
