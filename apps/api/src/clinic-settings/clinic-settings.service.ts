import type { Policy } from '@keta/clinical-rules';
import { ClinicSettingsEntity } from '@keta/db';
import type { ClinicSettings } from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import type { Repository } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { assertCurrentOrFirst, type Versioned } from '../http/if-match';
import { ScreenReferralUseCase } from '../referrals/screen-referral.use-case';
import { assertBookingsFit } from './bookings-fit';
import { clinicPolicyOf } from './clinic-policy';

const THE_CLINIC = 1;

@Injectable()
export class ClinicSettingsService {
  constructor(
    @InjectRepository(ClinicSettingsEntity) private readonly settings: Repository<ClinicSettingsEntity>,
    private readonly changes: AuditedChange,
    private readonly screening: ScreenReferralUseCase,
  ) {}

  /** The settings, and the version a change of them names (If-Match). */
  async get(): Promise<Versioned<ClinicSettings>> {
    const row = await this.settings.findOneBy({ id: THE_CLINIC });
    if (!row) throw new DomainError(ErrorCode.NotFound, 'The clinic settings have not been set yet: an admin sets them');
    return { body: toSettings(row), version: row.version };
  }

  /**
   * Adjustments that do not make a valid policy with the preset are refused, naming each path at fault; so
   * are settings that leave a booked visit without its chair or its open day. Under the calendar lock, in one
   * audited transaction; when the policy changes, every open referral is screened again under the new one.
   * The first settings are made without If-Match; every change after from the version read.
   */
  async set(input: ClinicSettings, updatedBy: string, expectedVersion: number | undefined): Promise<Versioned<ClinicSettings>> {
    const policy = clinicPolicyOf(input);
    // Kept in date order, so the calendar reads as one.
    const settings = { ...input, closures: [...input.closures].sort() };
    return this.changes.run(async (tx) => {
      const repository = tx.getRepository(ClinicSettingsEntity);
      const current = await repository.findOne({ where: { id: THE_CLINIC }, lock: { mode: 'pessimistic_write' } });
      // Checked under the lock: no other change can land between this check and the save.
      assertCurrentOrFirst('clinic settings', current?.version, expectedVersion);
      await assertBookingsFit(tx, settings);
      // Over the row read, so that settings saved unchanged answer the version they still have.
      const saved = await repository.save({ ...current, id: THE_CLINIC, ...settings, billingProvider: settings.billingProvider ?? null, updatedBy });
      if (!isDeepStrictEqual(rulesOf(current), policy.rules)) await this.screening.screenOpenIn(tx);
      return { body: toSettings(saved), version: saved.version };
    });
  }

  /** The policy the clinic's rules run under: its preset with its adjustments, and where each value comes from. */
  async policy(): Promise<Policy> {
    return clinicPolicyOf((await this.get()).body);
  }
}

/** The rules the clinic ran under until now, if any still resolve. */
function rulesOf(current: ClinicSettingsEntity | null): Policy['rules'] | undefined {
  try {
    return current ? clinicPolicyOf(current).rules : undefined;
  } catch {
    return undefined;
  }
}

function toSettings(row: Omit<ClinicSettingsEntity, 'updatedAt'>): ClinicSettings {
  const { name, timeZone, openingDays, chairs, policyPreset, policyAdjustments, closures, billingProvider } = row;
  return { name, timeZone, openingDays, chairs, policyPreset, policyAdjustments, closures, ...(billingProvider ? { billingProvider } : {}) };
}
