import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { BookAppointmentUseCase } from './book-appointment.use-case';
import { CancelSeriesUseCase } from './cancel-series.use-case';
import { ChangeAppointmentUseCase } from './change-appointment.use-case';
import { PlanSeriesUseCase } from './plan-series.use-case';
import { ScheduleService } from './schedule.service';
import { SeriesController } from './series.controller';

@Module({
  controllers: [SeriesController, AppointmentsController],
  providers: [PlanSeriesUseCase, BookAppointmentUseCase, ChangeAppointmentUseCase, CancelSeriesUseCase, ScheduleService],
})
export class SchedulingModule {}
