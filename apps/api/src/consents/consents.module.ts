import { Module } from '@nestjs/common';
import { ConsentFormsController } from './consent-forms.controller';
import { ConsentFormsService } from './consent-forms.service';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

@Module({ controllers: [ConsentsController, ConsentFormsController], providers: [ConsentsService, ConsentFormsService] })
export class ConsentsModule {}
