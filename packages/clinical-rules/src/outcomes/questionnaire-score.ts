import { parseItems } from './questionnaire-items';
import { INSTRUMENT_DEFINITIONS, type Instrument } from './instrument';

export type Phq9Severity = 'minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe';
export type Gad7Severity = 'minimal' | 'mild' | 'moderate' | 'severe';

export interface QuestionnaireScore<S extends string> {
  total: number;
  severity: S;
  /** Total >= 10: the case threshold of both instruments (DOMAIN.md §4.1). */
  positiveScreen: boolean;
}

/** Lower bound of each band, ascending (DOMAIN.md §4.1). */
const PHQ9_BANDS: ReadonlyArray<readonly [number, Phq9Severity]> = [
  [0, 'minimal'], [5, 'mild'], [10, 'moderate'], [15, 'moderately-severe'], [20, 'severe'],
];
const GAD7_BANDS: ReadonlyArray<readonly [number, Gad7Severity]> = [[0, 'minimal'], [5, 'mild'], [10, 'moderate'], [15, 'severe']];
const POSITIVE_SCREEN_AT = 10;

function score<S extends string>(instrument: Instrument, items: readonly number[], bands: ReadonlyArray<readonly [number, S]>): QuestionnaireScore<S> {
  const total = parseItems(items, INSTRUMENT_DEFINITIONS[instrument].items).reduce((sum, item) => sum + item, 0);
  // The bands start at 0 and totals are never negative, so a band always matches.
  const severity = bands.filter(([from]) => total >= from).at(-1)![1];
  return { total, severity, positiveScreen: total >= POSITIVE_SCREEN_AT };
}

/** PHQ-9: nine items 0-3, total 0-27. */
export const scorePhq9 = (items: readonly number[]): QuestionnaireScore<Phq9Severity> => score('phq9', items, PHQ9_BANDS);

/** GAD-7: seven items 0-3, total 0-21. */
export const scoreGad7 = (items: readonly number[]): QuestionnaireScore<Gad7Severity> => score('gad7', items, GAD7_BANDS);
