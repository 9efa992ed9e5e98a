import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { seed, type Source } from '../findings/source';

export interface PainChangeInput {
  arrival: number;
  discharge: number;
}

export interface PainChange {
  /** discharge - arrival on the 0-10 scale: negative is relief. */
  change: number;
  /** Arrived above 7 and left at 3 or below: the picture seed 003 describes for its responders. */
  meetsSeedPicture: boolean;
  source: Source;
}

/** The 0-10 numeric rating scale is whole numbers (LOINC 72514-3). */
const painScore = z.number().int().min(0).max(10);
const painChangeSchema = z.strictObject({ arrival: painScore, discharge: painScore });

const ARRIVES_ABOVE = 7;
const LEAVES_AT_MOST = 3;
const SEED_PICTURE = seed('003', 'Does ketamine help treat migraine headaches? (arrive over 7, discharge around 3 on the 0/10 scale)');

/** Pain relief within one visit, against seed 003's "over seven when they arrive, three when they discharge". */
export function painChange(input: PainChangeInput): PainChange {
  const { arrival, discharge } = parseInput(painChangeSchema, input);
  return {
    change: discharge - arrival,
    meetsSeedPicture: arrival > ARRIVES_ABOVE && discharge <= LEAVES_AT_MOST,
    source: SEED_PICTURE,
  };
}
