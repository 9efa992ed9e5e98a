import { AdverseEffectEntity } from './adverse-effect.entity';
import { AppointmentEntity } from './appointment.entity';
import { AuditEventEntity } from './audit-event.entity';
import { ClientAssertionJtiEntity } from './client-assertion-jti.entity';
import { ClinicSettingsEntity } from './clinic-settings.entity';
import { ConditionEntity } from './condition.entity';
import { ConsentFormEntity } from './consent-form.entity';
import { ConsentEntity } from './consent.entity';
import { DocumentEntity, type DocumentKind } from './document.entity';
import { EhrClientEntity } from './ehr-client.entity';
import { EhrConnectionEntity } from './ehr-connection.entity';
import { FeeScheduleEntity } from './fee-schedule.entity';
import { HomeMedicationEntity } from './home-medication.entity';
import { InfusionAdministrationEntity, type RateChange } from './infusion-administration.entity';
import { InfusionEncounterEntity, type InfusionStage, type MonitoringAlert, type StoredFinding, type StoredVitals } from './infusion-encounter.entity';
import { MeasurementEntity } from './measurement.entity';
import { PatientIdentifierEntity } from './patient-identifier.entity';
import { PatientEntity } from './patient.entity';
import { QuestionnaireResponseEntity } from './questionnaire-response.entity';
import { ReferralEntity } from './referral.entity';
import { ReferralClosingSummaryEntity } from './referral-closing-summary.entity';
import { ReferralMessageEntity } from './referral-message.entity';
import { ScreeningFindingEntity } from './screening-finding.entity';
import { SeriesEntity } from './series.entity';
import { SignInThrottleEntity } from './sign-in-throttle.entity';
import { SyncLedgerEntity, type SyncStatus } from './sync-ledger.entity';
import { UserEntity } from './user.entity';

export {
  AdverseEffectEntity, AppointmentEntity, AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, ConditionEntity, ConsentEntity, ConsentFormEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, FeeScheduleEntity, HomeMedicationEntity, InfusionAdministrationEntity, InfusionEncounterEntity, MeasurementEntity, PatientEntity,
  PatientIdentifierEntity, QuestionnaireResponseEntity, ReferralEntity, ReferralClosingSummaryEntity, ReferralMessageEntity, ScreeningFindingEntity, SeriesEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity, type DocumentKind, type InfusionStage,
  type MonitoringAlert, type RateChange, type StoredFinding, type StoredVitals, type SyncStatus,
};
export const ENTITIES = [
  AdverseEffectEntity, AppointmentEntity, AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, ConditionEntity, ConsentEntity, ConsentFormEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, FeeScheduleEntity, HomeMedicationEntity, InfusionAdministrationEntity, InfusionEncounterEntity, MeasurementEntity, PatientEntity,
  PatientIdentifierEntity, QuestionnaireResponseEntity, ReferralEntity, ReferralClosingSummaryEntity, ReferralMessageEntity, ScreeningFindingEntity, SeriesEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity,
];
