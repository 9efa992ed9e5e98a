import { resolvePolicy, type Policy } from '@keta/clinical-rules';
import type { ClinicSettings } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';

/** The clinic's policy; a bad adjustment is the caller's mistake, named by its path under policyAdjustments. */
export function clinicPolicyOf(settings: Pick<ClinicSettings, 'policyPreset' | 'policyAdjustments'>): Policy {
  try {
    return resolvePolicy(settings.policyPreset, settings.policyAdjustments);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The rules name a path inside the policy, or the policy itself (`policy`) for a key it does not know.
    const issues = error.issues.map((i) => ({ ...i, field: i.field === 'policy' ? 'policyAdjustments' : `policyAdjustments.${i.field}` }));
    throw new DomainError(ErrorCode.ValidationFailed, 'The policy adjustments do not make a valid policy with the preset', issues);
  }
}
