import { Module } from '@nestjs/common';
import { ConsentFormsController } from './consent-forms.controller';
import { ConsentFormsService } from './consent-forms.service';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { SignedConsentService } from './signed-consent.service';
import { ReferralsModule } from '../referrals/referrals.module';

/** The document store comes with the referrals module, which keeps the letters in it. */
@Module({ imports: [ReferralsModule], controllers: [ConsentsController, ConsentFormsController], providers: [ConsentsService, ConsentFormsService, SignedConsentService] })
export class ConsentsModule {}
