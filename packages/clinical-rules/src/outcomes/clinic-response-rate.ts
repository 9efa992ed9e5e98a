import { z } from 'zod';
import { parseInput } from '../findings/rules-input';
import { seed, type Source } from '../findings/source';
import { classifyResponse } from './assess-response';
import { totalSchema, type Instrument } from './instrument';

export interface SeriesOutcome {
  instrument: Instrument;
  baseline: number;
  /** The total at the end of the series. */
  final: number;
}

/** A published figure to read the clinic's rate against: context, never a target. */
export interface ResponseRateContext {
  rate: number;
  note: string;
  source: Source;
}

export interface ClinicResponseRate {
  series: number;
  responders: number;
  /** responders / series, 0-1; null for no series (not NaN). */
  responseRate: number | null;
  remissions: number;
  remissionRate: number | null;
  context: readonly ResponseRateContext[];
}

const WHY_IT_WORKS = seed('004', 'How well does ketamine therapy work?');

/** Seed 004 does not say how it defines response, so these are not comparable one to one. */
export const RESPONSE_RATE_CONTEXT: readonly ResponseRateContext[] = [
  { rate: 0.82, note: 'Seed 004 reports an 82% response rate at its clinic, with ketamine-assisted psychotherapy.', source: WHY_IT_WORKS },
  { rate: 0.7, note: 'Seed 004 cites response rates above 70% in the literature for ketamine alone.', source: WHY_IT_WORKS },
];

const seriesSchema = z.strictObject({
  series: z.array(z.discriminatedUnion('instrument', [
    z.strictObject({ instrument: z.literal('phq9'), baseline: totalSchema('phq9'), final: totalSchema('phq9') }),
    z.strictObject({ instrument: z.literal('gad7'), baseline: totalSchema('gad7'), final: totalSchema('gad7') }),
  ])),
});

const rate = (count: number, of: number) => (of === 0 ? null : count / of);

/** How many completed series responded (>= 50 % drop) and remitted, PHQ-9 and GAD-7 alike (DOMAIN.md §4.1). */
export function clinicResponseRate(series: readonly SeriesOutcome[]): ClinicResponseRate {
  const outcomes = parseInput(seriesSchema, { series }).series.map(({ instrument, baseline, final }) =>
    classifyResponse({ instrument, baseline, current: final }));
  const responders = outcomes.filter((o) => o.category === 'response').length;
  const remissions = outcomes.filter((o) => o.remission).length;
  return {
    series: outcomes.length,
    responders,
    responseRate: rate(responders, outcomes.length),
    remissions,
    remissionRate: rate(remissions, outcomes.length),
    context: RESPONSE_RATE_CONTEXT,
  };
}
