import type { Coding } from '@medplum/fhirtypes';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * Labels for substance-use data received from a 42 CFR Part 2 program (DOMAIN.md §2.3): restricted
 * confidentiality, the ETH sensitivity and the 42CFRPart2 policy. Sync drops what carries them unless a
 * privacy consent naming the recipient covers them.
 */
export const PART2_LABELS: readonly Coding[] = [
  { system: CONFIDENTIALITY, code: 'R', display: 'restricted' },
  { system: ACT_CODE, code: 'ETH', display: 'substance abuse information sensitivity' },
  { system: ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' },
];

/** Whether labels mark the resource as Part 2 data: the 42CFRPart2 policy code is the one that binds. */
export function isPart2(security: readonly Coding[] | undefined): boolean {
  return (security ?? []).some((label) => label.system === ACT_CODE && label.code === '42CFRPart2');
}
