import { z } from 'zod';
import type { Finding } from '../findings/finding';
import { parseInput } from '../findings/rules-input';
import type { Policy } from '../policy/policy';
import { sourceOf } from '../policy/resolve-policy';

export interface ExpectedResponseInput {
  kind: 'mood' | 'pain';
  /** 1 for the first day of treatment. */
  treatmentDay: number;
  improved: boolean;
}

const expectedResponseSchema = z.strictObject({
  kind: z.enum(['mood', 'pain']),
  treatmentDay: z.number().int().min(1).max(365),
  improved: z.boolean(),
});

const WHAT = { mood: 'mood improvement', pain: 'pain relief' } as const;

/**
 * Seed 003 expects pain relief by the 3rd or 4th day and a better mood in 2-3 days; on or after the
 * policy's day, no improvement is for a clinician to review (continue, adjust or stop the series).
 */
export function expectedResponseCheck(input: ExpectedResponseInput, policy: Policy): Finding[] {
  const { kind, treatmentDay, improved } = parseInput(expectedResponseSchema, input);
  const byDay = policy.rules.outcomes.expectResponseByDay[kind];
  if (improved || treatmentDay < byDay) return [];
  return [{
    code: 'outcome.no-response-by-expected-day',
    severity: 'review',
    message: `No ${WHAT[kind]} by treatment day ${treatmentDay} (expected by day ${byDay}): review with the treating provider whether to continue, adjust or stop the series.`,
    source: sourceOf(policy, `outcomes.expectResponseByDay.${kind}`),
  }];
}
