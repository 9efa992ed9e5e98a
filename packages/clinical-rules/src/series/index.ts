// Named exports, not `export *`: the package root re-exports this module beside others.
export { planSeries, type SeriesPlan } from './plan-series';
export { nextBoosterWindow, type BoosterWindow } from './booster-window';
export { seriesInputSchema, seriesCalendarSchema, type SeriesInput, type SeriesCalendar, type SeriesKind } from './series-input';
export { resolveProtocol, MOOD_PROTOCOLS, type SeriesProtocol } from './series-protocol';
export { type SeriesSession } from './series-session';
export { SERIES_HORIZON_DAYS } from './pick-series-days';
