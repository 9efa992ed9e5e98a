import { DomainError, ErrorCode } from '@keta/errors';
import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';

/** Liveness says the process answers; readiness says PostgreSQL does too (the API works without Redis). */
@Controller('health')
@Public()
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: { postgres: 'up' } }> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new DomainError(ErrorCode.Unavailable, 'PostgreSQL is not answering');
    }
    return { status: 'ok', checks: { postgres: 'up' } };
  }
}
