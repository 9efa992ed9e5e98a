import { nextBoosterWindow } from './booster-window';
import * as series from './index';
import { SERIES_HORIZON_DAYS } from './pick-series-days';
import { planSeries } from './plan-series';
import { seriesCalendarSchema, seriesInputSchema } from './series-input';
import { MOOD_PROTOCOLS, resolveProtocol } from './series-protocol';

describe('series public API', () => {
  it('exports the planner, the booster window, the protocols and the input schema, and nothing else', () => {
    expect({ ...series }).toEqual({
      planSeries, nextBoosterWindow, resolveProtocol, MOOD_PROTOCOLS, SERIES_HORIZON_DAYS, seriesInputSchema, seriesCalendarSchema,
    });
  });
});
