import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { ApiMetrics } from './api-metrics';

/** Prometheus scrapes the API here with an admin or ops token: counts and timings only, never PHI. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Roles('admin', 'ops')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format (docs/OBSERVABILITY.md)' })
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
