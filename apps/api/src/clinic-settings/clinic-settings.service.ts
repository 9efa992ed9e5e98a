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

  async set(input: ClinicSettings, updatedBy: string): Promise<ClinicSettings> {
    await this.settings.upsert({ id: THE_CLINIC, ...input, updatedBy }, ['id']);
    return this.get();
  }
}

function toSettings(row: ClinicSettingsEntity): ClinicSettings {
  const { name, timeZone, openingDays, chairs, policyPreset } = row;
  return { name, timeZone, openingDays, chairs, policyPreset };
}
