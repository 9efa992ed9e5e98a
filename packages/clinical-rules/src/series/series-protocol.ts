import type { Policy } from '../policy/policy';
import { invalidField } from './series-error';
import type { SeriesKind } from './series-input';

/** One series protocol, flattened from the policy into what the planner needs. */
export interface SeriesProtocol {
  kind: SeriesKind;
  name: string;
  infusions: number;
  /** Fewest calendar days from one infusion to the next (1: consecutive days). */
  minDaysBetween: number;
  /** Most infusions in one ISO week (Mon-Sun); null: no weekly limit. */
  maxPerWeek: number | null;
  /** Never Saturday or Sunday, even when the clinic is open. */
  weekdaysOnly: boolean;
  /** The longest the series should run, first to last day; null: no limit. */
  maxWeeks: number | null;
  infusionMinutes: number;
  visitMinutes: number;
  /** The policy path the protocol comes from, for sourceOf. */
  policyPath: string;
}

export const MOOD_PROTOCOLS = ['condensed', 'extended'] as const;

/** The protocol a series follows; an unknown name, or one the policy does not offer, is an invalid `protocol`. */
export function resolveProtocol(policy: Policy, kind: SeriesKind, name: string | undefined): SeriesProtocol {
  return kind === 'mood' ? moodProtocol(policy, name ?? 'condensed') : painProtocol(policy, name);
}

function moodProtocol(policy: Policy, name: string): SeriesProtocol {
  const { moodCondensed, moodExtended } = policy.rules.series;
  const rules = name === 'condensed' ? moodCondensed : name === 'extended' ? moodExtended : undefined;
  if (rules === undefined) throw invalidField('protocol', `must be one of: ${MOOD_PROTOCOLS.join(', ')}`);
  if (rules === null) throw invalidField('protocol', `this clinic's policy (${policy.name}) offers no extended mood series`);
  return {
    kind: 'mood',
    name,
    infusions: rules.infusions,
    minDaysBetween: rules.minDaysBetween,
    maxPerWeek: rules.perWeek.max,
    weekdaysOnly: false,
    maxWeeks: rules.weeks.max,
    infusionMinutes: rules.infusionMinutes,
    visitMinutes: rules.visitMinutes.max,
    policyPath: name === 'condensed' ? 'series.moodCondensed' : 'series.moodExtended',
  };
}

function painProtocol(policy: Policy, name: string | undefined): SeriesProtocol {
  const pain = policy.rules.series.pain;
  // The schema guarantees at least one protocol: the first is the clinic's default.
  const rules = name === undefined ? pain.protocols[0] : pain.protocols.find((p) => p.name === name);
  if (!rules) throw invalidField('protocol', `must be one of: ${pain.protocols.map((p) => p.name).join(', ')}`);
  return {
    kind: 'pain',
    name: rules.name,
    infusions: rules.infusions,
    minDaysBetween: rules.consecutive ? 1 : rules.minDaysBetween,
    maxPerWeek: null,
    weekdaysOnly: pain.weekdaysOnly,
    maxWeeks: null,
    infusionMinutes: pain.infusionMinutes.max,
    visitMinutes: pain.visitMinutes,
    policyPath: 'series.pain.protocols',
  };
}
