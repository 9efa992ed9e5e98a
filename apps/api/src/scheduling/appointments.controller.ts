import {
  appointmentQuerySchema, appointmentRescheduleSchema, cancellationSchema, newAppointmentSchema,
  type AppointmentQuery, type AppointmentReschedule, type Cancellation, type NewAppointment,
} from '@keta/domain';
import { Controller, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/access.decorators';
import { tagged, versionFromIfMatch } from '../http/if-match';
import { uuidParam } from '../http/uuid-param.pipe';
import { ValidBody, ValidQuery } from '../openapi/valid-input.decorators';
import type { AppointmentView } from './appointment-view';
import { BookAppointmentUseCase } from './book-appointment.use-case';
import { ChangeAppointmentUseCase } from './change-appointment.use-case';
import { ScheduleService } from './schedule.service';

/** The clinic's appointments, for the front desk and clinicians: book, move, cancel, mark no-shows. */
@Controller()
export class AppointmentsController {
  constructor(
    private readonly booking: BookAppointmentUseCase,
    private readonly changes: ChangeAppointmentUseCase,
    private readonly schedule: ScheduleService,
  ) {}

  @Post('patients/:patientId/appointments')
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'create')
  async book(
    @Param('patientId', uuidParam('patientId')) patientId: string,
    @ValidBody(newAppointmentSchema) body: NewAppointment,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentView> {
    return tagged(res, await this.booking.book(patientId, body));
  }

  @Get('patients/:patientId/appointments')
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'search')
  forPatient(@Param('patientId', uuidParam('patientId')) patientId: string): Promise<AppointmentView[]> {
    return this.schedule.patientAppointments(patientId);
  }

  @Get('appointments')
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'search')
  list(@ValidQuery(appointmentQuerySchema) query: AppointmentQuery): Promise<AppointmentView[]> {
    return this.schedule.appointments(query);
  }

  @Get('appointments/:id')
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'read')
  async get(@Param('id', uuidParam()) id: string, @Res({ passthrough: true }) res: Response): Promise<AppointmentView> {
    return tagged(res, await this.schedule.appointment(id));
  }

  @Patch('appointments/:id')
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'update')
  async reschedule(
    @Param('id', uuidParam()) id: string,
    @ValidBody(appointmentRescheduleSchema) body: AppointmentReschedule,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentView> {
    return tagged(res, await this.changes.reschedule(id, new Date(body.start), versionFromIfMatch(ifMatch)));
  }

  @Post('appointments/:id/cancel')
  @HttpCode(200)
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'update')
  async cancel(
    @Param('id', uuidParam()) id: string,
    @ValidBody(cancellationSchema) body: Cancellation,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentView> {
    return tagged(res, await this.changes.cancel(id, body.reason, versionFromIfMatch(ifMatch)));
  }

  @Post('appointments/:id/no-show')
  @HttpCode(200)
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'update')
  async noShow(
    @Param('id', uuidParam()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentView> {
    return tagged(res, await this.changes.noShow(id, versionFromIfMatch(ifMatch)));
  }

  /** A consultation or KAP session took place: where the policy holds a consultation first, infusions wait for it. */
  @Post('appointments/:id/held')
  @HttpCode(200)
  @Roles('clinician', 'front-desk')
  @Audited('appointment', 'update')
  async held(
    @Param('id', uuidParam()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppointmentView> {
    return tagged(res, await this.changes.held(id, versionFromIfMatch(ifMatch)));
  }
}
