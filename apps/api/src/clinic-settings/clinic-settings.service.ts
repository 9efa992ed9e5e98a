import { resolvePolicy, type Policy } from '@keta/clinical-rules';
import { ClinicSettingsEntity } from '@keta/db';
import type { ClinicSettings } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

const THE_CLINIC = 1;

@Injectable()
export class ClinicSettingsService {
  constructor(@InjectRepository(ClinicSettingsEntity) private readonly settings: Repository<ClinicSettingsEntity>) {}

  async get(): Promise<ClinicSettings> {
    const row = await this.settings.findOneBy({ id: THE_CLINIC });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'The clinic settings have not been set yet: an admin sets them');
    return toSettings(row);
  }

  /** Adjustments that do not make a valid policy with the preset are refused, naming each path at fault. */
  async set(input: ClinicSettings, updatedBy: string): Promise<ClinicSettings> {
    clinicPolicyOf(input);
    // Kept in date order, so the calendar reads as one.
    await this.settings.save({ id: THE_CLINIC, ...input, closures: [...input.closures].sort(), billingProvider: input.billingProvider ?? null, updatedBy });
    return this.get();
  }

  /** The policy the clinic's rules run under: its preset with its adjustments, and where each value comes from. */
  async policy(): Promise<Policy> {
    return clinicPolicyOf(await this.get());
  }
}

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

function toSettings(row: ClinicSettingsEntity): ClinicSettings {
  const { name, timeZone, openingDays, chairs, policyPreset, policyAdjustments, closures, billingProvider } = row;
  return { name, timeZone, openingDays, chairs, policyPreset, policyAdjustments, closures, ...(billingProvider ? { billingProvider } : {}) };
}
