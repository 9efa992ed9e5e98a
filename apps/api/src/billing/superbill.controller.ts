import { superbillQuerySchema, type SuperbillQuery } from '@keta/domain';
import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidQuery } from '../openapi/valid-input.decorators';
import { renderSuperbillPdf } from './superbill-pdf';
import type { SuperbillView } from './superbill-view';
import { SuperbillService } from './superbill.service';

/** /docs says the superbill answers JSON or, asked for, a PDF. */
const SUPERBILL_RESPONSE = {
  description: 'The superbill: JSON, or a PDF with `Accept: application/pdf` or `?format=pdf`',
  content: { 'application/json': { schema: { type: 'object' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

/**
 * The superbill of a completed infusion or series, for the patient to claim out-of-network reimbursement:
 * JSON, or a PDF with `Accept: application/pdf` or `?format=pdf`. Read only.
 */
@Controller()
export class SuperbillController {
  constructor(private readonly superbills: SuperbillService) {}

  @Get('encounters/:id/superbill')
  @Roles('clinician', 'front-desk')
  @Audited('superbill', 'read')
  @ApiOkResponse(SUPERBILL_RESPONSE)
  async ofEncounter(
    @Param('id', uuidParam()) id: string, @ValidQuery(superbillQuerySchema) query: SuperbillQuery,
    @Req() req: Request, @Res({ passthrough: true }) res: Response,
  ): Promise<SuperbillView | StreamableFile> {
    return answer(await this.superbills.ofEncounter(id), query, req, res);
  }

  @Get('series/:id/superbill')
  @Roles('clinician', 'front-desk')
  @Audited('superbill', 'read')
  @ApiOkResponse(SUPERBILL_RESPONSE)
  async ofSeries(
    @Param('id', uuidParam()) id: string, @ValidQuery(superbillQuerySchema) query: SuperbillQuery,
    @Req() req: Request, @Res({ passthrough: true }) res: Response,
  ): Promise<SuperbillView | StreamableFile> {
    return answer(await this.superbills.ofSeries(id), query, req, res);
  }
}

/** `format` decides when given; else the Accept header, JSON unless the caller prefers a PDF. */
async function answer(bill: SuperbillView, query: SuperbillQuery, req: Request, res: Response): Promise<SuperbillView | StreamableFile> {
  res.vary('Accept');
  const pdf = query.format ? query.format === 'pdf' : req.accepts(['application/json', 'application/pdf']) === 'application/pdf';
  if (!pdf) return bill;
  const bytes = await renderSuperbillPdf(bill);
  return new StreamableFile(Buffer.from(bytes), { type: 'application/pdf', disposition: `attachment; filename="superbill-${bill.id}.pdf"` });
}
