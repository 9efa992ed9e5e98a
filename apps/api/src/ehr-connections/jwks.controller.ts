import { publishedSigningKeys } from '@keta/db';
import { Controller, Get, Header } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JsonWebKey } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { JWKS_PATH } from './ehr-connections.service';

/**
 * Keta's public signing keys, as the EHRs it calls as a SMART client fetch them (Epic asks for a JWKS URL).
 * Public keys only: what they verify is Keta's own assertions.
 */
@Controller()
export class JwksController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get(JWKS_PATH.slice(1))
  @Public()
  @Header('content-type', 'application/jwk-set+json')
  async jwks(): Promise<{ keys: JsonWebKey[] }> {
    return { keys: await publishedSigningKeys(this.db.manager) };
  }
}
