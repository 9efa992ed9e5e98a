import { addDays } from '../calendar/clinic-time';
import type { Source } from '../findings/source';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';
import { localDateSchema } from './series-input';

export interface BoosterWindow {
  /** Local dates, inclusive. */
  earliest: string;
  latest: string;
  source: Source;
}

/** When a booster falls due after a series or the last booster: monthly to yearly by the seed pages (000, 004). */
export function nextBoosterWindow(lastInfusionDate: string, policy: Policy): BoosterWindow {
  const last = parseInput(localDateSchema, lastInfusionDate, 'lastInfusionDate');
  const { min, max } = policy.rules.series.boosterIntervalDays;
  return { earliest: addDays(last, min), latest: addDays(last, max), source: sourceOf(policy, 'series.boosterIntervalDays') };
}
